"""render: write a `Disclosure` out as HTML, PDF, Word and Excel.

Each format lives in its own module and is imported only when asked for
(`yusuan.render.html.render_html`, `yusuan.render.pdf.render_pdf`, …), so
building HTML never pays for loading WeasyPrint.  `table_grid` and
`document_view` turn the model into the rows and cells a page shows; the
Jinja2 templates in `templates/` and the CSS in `static/` lay them out.
"""
