// n8n-core logs each node error to the console; the tests assert on them instead.
process.env.N8N_LOG_LEVEL = 'silent';
