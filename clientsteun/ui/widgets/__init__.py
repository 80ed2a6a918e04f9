"""Parts every room uses: the table model and view, input fields, forms and their questions."""
