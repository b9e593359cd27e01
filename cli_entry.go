package main

import (
	"os"

	"vpack-s3-sync/backend/cli"
)

// runCLI is the headless face of the same services the desktop app uses.
func runCLI(args []string) int { return cli.Run(args, os.Stdout, os.Stderr) }
