"""The residents list and the controller of residents and their dossiers."""
