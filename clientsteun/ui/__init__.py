"""The Qt front end: a thin layer over the services.  Widgets never see a database session."""
