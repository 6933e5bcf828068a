package wdep
