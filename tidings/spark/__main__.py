"""`python -m tidings.spark INPUT OUTPUT ...`, and the file to hand to spark-submit:
`spark-submit [spark options] $(python -c 'import tidings.spark.__main__ as m; print(m.__file__)')
INPUT OUTPUT`. The same options as `tidings spark`."""

from tidings.cli.spark import main

if __name__ == "__main__":
    main()
