// jest setup for the `api-cloudbase` project: the API suites run on CloudBaseStore -> wx-server-sdk -> the emulator
process.env.VH_API_STORE = 'cloudbase'
