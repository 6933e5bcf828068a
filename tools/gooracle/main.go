// Command gooracle runs Go's own tools (go/parser, go/types) and prints what they
// conclude in the shapes racewatch produces, so that tests can compare the two.
//
//	gooracle astdump [-hash] [-files-from FILE|-] [FILE...]
//	gooracle parsebench [-cpu N] [-files-from FILE|-] [FILE...]
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "astdump":
		astdumpMain(os.Args[2:])
	case "parsebench":
		parsebenchMain(os.Args[2:])
	default:
		if sub, ok := extraCommands[os.Args[1]]; ok {
			sub(os.Args[2:])
			return
		}
		usage()
	}
}

// extraCommands lets other files of this program add subcommands without editing main.
var extraCommands = map[string]func(args []string){}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gooracle astdump|parsebench [flags] [files]")
	os.Exit(2)
}

// readFileList returns the files named on the command line plus, when from is
// non-empty, one path per line read from that file ("-" is standard input).
func readFileList(from string, args []string) []string {
	files := append([]string(nil), args...)
	if from == "" {
		return files
	}
	in := os.Stdin
	if from != "-" {
		f, err := os.Open(from)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		in = f
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			files = append(files, line)
		}
	}
	return files
}
