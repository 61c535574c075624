"""Screens: main, client detail, help, confirmation."""
