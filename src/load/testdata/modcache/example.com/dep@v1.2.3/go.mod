module example.com/dep

go 1.19

require example.com/trans v0.5.0
