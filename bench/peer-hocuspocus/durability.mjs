// The durability check CaseGrid's harness runs on Hocuspocus: which acknowledged edits are still there after the
// server process is killed?
//   edit mode:   node durability.mjs --url URL --run ID --groups G --rate R --seconds S
//                One provider per document edits at R per second in all. Prints "EDITING" once synced; the harness
//                then kills the server. At the first disconnect every provider is destroyed at once (so no client
//                sends its copy again) and the acknowledged edit ids are printed as "ACKED [...]".
//   verify mode: node durability.mjs --url URL --run ID --groups G --verify FILE
//                A fresh provider opens each document from the restarted server; prints "PRESENT n" for the ids in
//                FILE (a JSON array) found there.
import { HocuspocusProvider } from '@hocuspocus/provider'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { readFileSync } from 'node:fs'
import { options, payload } from './options.mjs'

const { url, run, groups, rate, seconds, verify } = options({ url: '', run: 'r', groups: 20, rate: 40, seconds: 30, verify: '' })

function open (group) {
  const document = new Y.Doc()
  const provider = new HocuspocusProvider({ url, name: `${run}-g${group}`, document, WebSocketPolyfill: WebSocket })
  const synced = new Promise((resolve) => provider.on('synced', resolve))
  return { document, provider, synced, goals: document.getMap('goals') }
}

if (verify) {
  const acked = JSON.parse(readFileSync(verify, 'utf8'))
  const docs = Array.from({ length: groups }, (_, g) => open(g))
  await Promise.all(docs.map((d) => d.synced))
  const present = acked.filter((id) => docs[Number(id.split(':')[2])].goals.has(id)).length
  console.log(`PRESENT ${present}`)
  for (const d of docs) d.provider.destroy()
  process.exit(0)
}

const docs = Array.from({ length: groups }, (_, g) => open(g))
await Promise.all(docs.map((d) => d.synced))
const acked = []
let stopped = false
docs.forEach((d) => {
  const pending = []
  const decrement = d.provider.decrementUnsyncedChanges.bind(d.provider)
  d.provider.decrementUnsyncedChanges = () => {
    const id = pending.shift()
    if (id !== undefined && !stopped) acked.push(id)
    decrement()
  }
  d.edit = (id) => {
    pending.push(id)
    d.goals.set(id, payload)
  }
  d.provider.on('disconnect', () => stop())
  d.provider.on('close', () => stop())
})

function stop () {
  if (stopped) return
  stopped = true
  for (const d of docs) d.provider.destroy()
  console.log('ACKED ' + JSON.stringify(acked))
  process.exit(0)
}

console.log('EDITING')
const start = process.hrtime.bigint()
let sent = 0
while (!stopped && Number(process.hrtime.bigint() - start) / 1e9 < seconds) {
  await new Promise((resolve) => setTimeout(resolve, 5))
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9
  for (; !stopped && sent < rate * elapsed; sent++) {
    const group = sent % groups
    docs[group].edit(`bench:${run}:${group}:0:${sent}`)
  }
}
stop()
