from ldl.cli.main import main

main()
