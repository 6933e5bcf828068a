module example.com/wm

go 1.22

require example.com/wv v1.0.0
