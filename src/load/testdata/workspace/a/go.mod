module example.com/a

go 1.21

require example.com/wdep v1.0.0
