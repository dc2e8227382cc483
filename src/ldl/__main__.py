from ldl.cli.app import main

main()
