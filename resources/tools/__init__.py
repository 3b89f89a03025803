"""Tools that build and check the sample catalogue in ``resources/catalogue``."""
