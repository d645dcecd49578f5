// The HTTP/1.1 server on plain sockets: see HTTPServer.swift.
