"""Test suite of Tanya Smart City."""
