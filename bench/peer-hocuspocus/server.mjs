// The peer CaseGrid's harness measures against: a Hocuspocus server with its SQLite persistence, as shipped
// (the default store debounce: a document is written 2 s after its last change, at most 10 s after the first).
// Usage: node server.mjs PORT DATABASE_FILE
import { Server } from '@hocuspocus/server'
import { SQLite } from '@hocuspocus/extension-sqlite'

const [port, database] = process.argv.slice(2)
const server = new Server({
  port: Number(port),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database })],
})
await server.listen()
console.log(`hocuspocus listening on 127.0.0.1:${port}, SQLite ${database}`)
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await server.destroy()
    process.exit(0)
  })
}
