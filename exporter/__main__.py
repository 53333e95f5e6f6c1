"""``python -m exporter``: the same command line as ``exporter``."""

from exporter.cli import main

if __name__ == "__main__":
    main()
