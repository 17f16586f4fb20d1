"""The web app (`yusuan serve`): the store's documents, tables and findings as pages in Chinese, and uploads checked.

`app.create_app(db)` builds the FastAPI app; `data` shapes what each page and
its JSON show, `views` lays a document's tables out and points each finding at
its cell, `labels` names every stored key in Chinese, `chart` draws a unit's
figures as SVG, `upload` takes an uploaded publication to a batch worker.
"""
