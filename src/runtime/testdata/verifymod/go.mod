module example.com/verifymod

go 1.21
