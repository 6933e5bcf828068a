package bb
