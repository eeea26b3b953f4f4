module ansinh

go 1.26.8
