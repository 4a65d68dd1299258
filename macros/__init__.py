"""Turns the YAML under content/ into the pages of the site."""
