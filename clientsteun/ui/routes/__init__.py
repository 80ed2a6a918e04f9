"""Routes tried and signals: the route window, its forms and words, the overview, and their controller."""
