"""The data pipeline: raw public files in, `geodata/` out. Run by `hubmap build`."""
