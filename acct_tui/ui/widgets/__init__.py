"""Widgets of the main screen: lists, the board, meters."""
