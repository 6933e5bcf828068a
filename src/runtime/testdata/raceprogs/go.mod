module example.com/racewatchfixtures

go 1.21
