// every call is HTTP to the emulator: give each test the time a remote database needs
jest.setTimeout(120_000)
