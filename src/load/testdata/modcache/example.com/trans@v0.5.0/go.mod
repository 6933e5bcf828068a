module example.com/trans

go 1.18
