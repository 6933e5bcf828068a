package docpkg
