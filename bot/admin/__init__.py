"""Admin tools beside the answering flow: the question log, its figures, and CSV exports."""
