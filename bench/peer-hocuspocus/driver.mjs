// Loads the Hocuspocus server the way CaseGrid's harness loads CaseGrid: groups of members, each a Hocuspocus provider
// on its own WebSocket, a steady total edit rate spread over the first `editors` members of each group, presence
// (awareness) heartbeats if asked. The editor stamps each edit when it makes it and when the server acknowledges it
// (Hocuspocus's SyncStatus message, in order per connection); every other member stamps its first arrival.
// Prints "MEASURE START" / "MEASURE STOP" around the measured window and one JSON line "RESULT {...}" at the end.
// Usage: node driver.mjs --url ws://127.0.0.1:PORT --run ID --groups G --members M --editors E --rate R
//                        --warmup S --seconds S [--heartbeat S]
import { HocuspocusProvider } from '@hocuspocus/provider'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { options, payload } from './options.mjs'

const { url, run, groups, members, editors, rate, warmup, seconds, heartbeat } =
  options({ url: '', run: 'r', groups: 1, members: 10, editors: 1, rate: 10, warmup: 5, seconds: 20, heartbeat: 0 })

const now = () => process.hrtime.bigint()
const ms = (ns) => Number(ns) / 1e6
const edits = new Map() // id -> { group, editor, sent, ack, measured }
const deliveries = [] // [edit, at]
const errors = {}
const error = (kind) => { errors[kind] = (errors[kind] ?? 0) + 1 }
let measuring = false

function connect (group, member) {
  const document = new Y.Doc()
  const pending = []
  const provider = new HocuspocusProvider({
    url,
    name: `${run}-g${group}`,
    document,
    WebSocketPolyfill: WebSocket,
    onDisconnect: () => error('connection lost'),
  })
  // Each local update is one message and the server answers each with one SyncStatus, in order: the oldest
  // pending edit of this provider is the one acknowledged.
  const decrement = provider.decrementUnsyncedChanges.bind(provider)
  provider.decrementUnsyncedChanges = () => {
    const id = pending.shift()
    if (id !== undefined) edits.get(id).ack = now()
    decrement()
  }
  const goals = document.getMap('goals')
  goals.observe((event) => {
    if (event.transaction.local) return
    const at = now()
    for (const id of event.keysChanged) {
      const edit = edits.get(id)
      if (edit && edit.editor !== member) deliveries.push([edit, at])
    }
  })
  const synced = new Promise((resolve) => provider.on('synced', resolve))
  return {
    provider,
    synced,
    edit (id) {
      pending.push(id)
      goals.set(id, payload)
    },
    heartbeat () {
      provider.setAwarenessField('presence', { mode: 'InRoom', at: Date.now() })
    },
  }
}

const all = []
const t0 = now()
for (let g = 0; g < groups; g++) {
  all.push([])
  for (let m = 0; m < members; m++) all[g].push(connect(g, m))
}
await Promise.all(all.flat().map((c) => c.synced))
console.error(`connected and synced ${groups * members} providers in ${(ms(now() - t0) / 1000).toFixed(1)} s`)

let heartbeats
if (heartbeat > 0) {
  const flat = all.flat()
  const perSlice = Math.max(1, Math.ceil(flat.length * 100 / (heartbeat * 1000)))
  let next = 0
  heartbeats = setInterval(() => {
    for (let i = 0; i < perSlice; i++, next = (next + 1) % flat.length) flat[next].heartbeat()
  }, 100)
}

let sent = 0
async function drive (duration) {
  const start = now()
  let due = 0
  while (ms(now() - start) < duration * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    const elapsed = ms(now() - start) / 1000
    for (; due < rate * elapsed; due++) {
      sent++
      const group = sent % groups
      const editor = Math.floor(sent / groups) % editors
      const id = `bench:${run}:${group}:${editor}:${sent}`
      edits.set(id, { group, editor, sent: now(), ack: 0n, measured: measuring })
      all[group][editor].edit(id)
    }
  }
}

const measuredEdits = () => [...edits.values()].filter((e) => e.measured && e.ack !== 0n)
const measuredDeliveries = () => deliveries.filter(([e]) => e.measured && e.ack !== 0n)
await drive(warmup)
measuring = true
console.log('MEASURE START')
const started = now()
await drive(seconds)
const measured = ms(now() - started) / 1000
console.log('MEASURE STOP')
measuring = false
const settle = now()
while (measuredDeliveries().length < measuredEdits().length * (members - 1) && ms(now() - settle) < 10000) {
  await new Promise((resolve) => setTimeout(resolve, 100))
}

const stats = (values) => {
  const sorted = Float64Array.from(values).sort()
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
  return sorted.length === 0 ? { count: 0 } : { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] }
}
const done = measuredDeliveries()
const acked = measuredEdits().length
console.log('RESULT ' + JSON.stringify({
  measuredSeconds: measured,
  editsAcknowledged: acked,
  deliveriesExpected: acked * (members - 1),
  deliveries: done.length,
  beforeAck: done.filter(([e, at]) => at < e.ack).length,
  ackToDelivery: stats(done.map(([e, at]) => Math.max(0, ms(at - e.ack)))),
  sendToDelivery: stats(done.map(([e, at]) => ms(at - e.sent))),
  sendToAck: stats(measuredEdits().map((e) => ms(e.ack - e.sent))),
  errors,
}))
clearInterval(heartbeats)
for (const c of all.flat()) c.provider.destroy()
process.exit(0)
