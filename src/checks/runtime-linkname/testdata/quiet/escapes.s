// escapes in quiet.go is declared without a body, as functions written in assembly are;
// this file (empty) is what lets the Go toolchain accept such a declaration.
