module example.com/wv

go 1.21
