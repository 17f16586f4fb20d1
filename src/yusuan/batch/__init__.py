"""Batch audit: every disclosure under some folders, checked in isolated workers, kept in the store.

`discover` finds the files, `job` checks one group of files inside a worker,
`pool` runs jobs in worker processes with a time and memory limit (a hostile
file costs its own row, never the batch), `run` drives a whole batch: skips
what was checked, joins the parts of one publication (with a half an earlier
batch stored: `stored`), writes each result in one transaction and reports
progress.  `options` checks the command's option values, `report` prints the
progress and the summary.
"""
