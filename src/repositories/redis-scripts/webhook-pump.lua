--[[
  One step of a tenant's webhook dispatch, atomic:
  1. Fan-out: the events appended after the cursor become deliveries, one per endpoint that is
     not disabled, wants the event's type and existed before the event. Each delivery keeps a
     copy of the event's data (the feed forgets events after a while; a delivery being retried
     must not). The cursor moves past them. A paused endpoint's deliveries wait, queued: at most
     ARGV[10] for all the paused endpoints of the tenant together (its pausedDeliveries quota).
     Past it the event is not queued for a paused endpoint (it stays in the feed): it is counted
     in the endpoint's W last:<ep> (dropped, droppedAt; webhook-stats.lua reads them). The write
     that appended the event was answered long before: it is never refused for this.
  2. Claim: up to ARGV[5] due deliveries of active endpoints (shared among them; at most ARGV[8]
     per endpoint, the caller's room for it) are leased to the caller until now + lease: no one
     else attempts them meanwhile. A caller that dies mid-attempt lets them go when the lease
     ends, and another replica takes them.
  3. The due deliveries of disabled endpoints are failed, with the reason.

  Input:  KEYS[1] T events, KEYS[2] T wh:ep, KEYS[3] T wh:es, KEYS[4] T wh:cursor
          ARGV[1] the tenant's webhook prefix W, ARGV[2] now (ms), ARGV[3] delay of a first attempt (ms),
          ARGV[4] events to fan out at most, ARGV[5] deliveries to claim at most, ARGV[6] lease (ms),
          ARGV[7] lease token, ARGV[8] '' or `<endpointId>=<n>,...`: at most n for those endpoints,
          ARGV[9] the tenant id (order events' data carry it),
          ARGV[10] deliveries queued for paused endpoints at most (0: no limit)
  Derived keys: each endpoint's W due/s/p/ix/last keys.
  Output: { created, more events (0/1), next due (ms, -1: none), gap ('' or why),
            { endpointId, definition JSON, ... } of the endpoints claimed for,
            { endpointId, eventId, type, data, attempts, ... } claimed,
            deliveries not queued for paused endpoints (the quota reached) }
  Arity: KEYS 4, ARGV 10
]]
--- @include "entry-data"
--- @include "stream-id-cmp"
--- @include "wh-index"
--- @include "wh-key"
--- @include "wh-move"
--- @include "wh-pad"
register('webhook_pump', function(KEYS, ARGV)
  local events, endpoints_key, health_key, cursor_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
  local prefix, now, first_delay = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
  local fanout_limit, claim_limit, lease, token = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
  local room = {}
  for id, n in string.gmatch(ARGV[8], '([^,=]+)=(%d+)') do room[id] = tonumber(n) end
  local paused_most = tonumber(ARGV[10]) or 0

  local raw = redis.call('HGETALL', endpoints_key)
  if #raw == 0 then return { 0, 0, -1, '', {}, {}, 0 } end
  local endpoints = {}
  for i = 1, #raw, 2 do
    local definition = cjson.decode(raw[i + 1])
    local health = redis.call('HGET', health_key, raw[i])
    health = health and cjson.decode(health) or { since = '0-0' }
    local wanted = {}
    for _, t in ipairs(definition.events) do wanted[t] = true end
    endpoints[#endpoints + 1] = {
      id = raw[i], json = raw[i + 1], wanted = wanted, since = health.since or '0-0',
      state = health.disabledAt and 'disabled' or definition.status, reason = health.disabledReason,
    }
  end

  -- 1. Fan-out.
  local created, more, gap, dropped = 0, 0, '', 0
  -- Deliveries queued for paused endpoints (nothing claims theirs), counted when first needed.
  local paused_queued = nil
  local cursor = redis.call('GET', cursor_key)
  if not cursor then
    local newest = redis.call('XREVRANGE', events, '+', '-', 'COUNT', 1)
    cursor = newest[1] and newest[1][1] or '0-0'
    redis.call('SET', cursor_key, cursor)
  end
  local entries = redis.call('XRANGE', events, '(' .. cursor, '+', 'COUNT', fanout_limit)
  if #entries > 0 then
    if cursor ~= '0-0' then
      local info_raw = redis.call('XINFO', 'STREAM', events)
      local info = {}
      for i = 1, #info_raw, 2 do info[info_raw[i]] = info_raw[i + 1] end
      if tonumber(info['entries-added']) > tonumber(info['length']) and stream_id_cmp(cursor, entries[1][1]) < 0
        and info['first-entry'] and info['first-entry'][1] == entries[1][1] then
        gap = 'events after ' .. cursor .. ' and before ' .. entries[1][1] .. ' were dropped from the feed before they were sent'
      end
    end
    for _, entry in ipairs(entries) do
      local event_id, event_type, data = entry[1], entry_data(entry[2], ARGV[9])
      for _, ep in ipairs(endpoints) do
        if ep.state ~= 'disabled' and ep.wanted[event_type] and stream_id_cmp(event_id, ep.since) > 0
          and redis.call('HEXISTS', wh_key(prefix, 's', ep.id), event_id) == 0 then
          local full = false
          if ep.state == 'paused' and paused_most > 0 then
            if not paused_queued then
              paused_queued = 0
              for _, other in ipairs(endpoints) do
                if other.state == 'paused' then
                  paused_queued = paused_queued + redis.call('ZCARD', wh_index(prefix, other.id, 'pending'))
                end
              end
            end
            full = paused_queued >= paused_most
            if not full then paused_queued = paused_queued + 1 end
          end
          if full then
            local last = wh_key(prefix, 'last', ep.id)
            redis.call('HINCRBY', last, 'dropped', 1)
            redis.call('HSET', last, 'droppedAt', now)
            dropped = dropped + 1
          else
            local due = now + first_delay
            redis.call('HSET', wh_key(prefix, 's', ep.id), event_id,
              cjson.encode({ type = event_type, status = 'pending', attempts = 0, createdAt = now, nextAt = due }))
            redis.call('HSET', wh_key(prefix, 'p', ep.id), event_id, data)
            redis.call('ZADD', wh_key(prefix, 'due', ep.id), due, event_id)
            redis.call('ZADD', wh_index(prefix, ep.id, 'pending'), 0, wh_pad(event_id))
            created = created + 1
          end
        end
      end
    end
    redis.call('SET', cursor_key, entries[#entries][1])
    if #entries >= fanout_limit then more = 1 end
  end

  -- 2. Claim, and 3. fail what disabled endpoints still had due.
  local active = 0
  for _, ep in ipairs(endpoints) do if ep.state == 'active' and room[ep.id] ~= 0 then active = active + 1 end end
  local share = active > 0 and math.ceil(claim_limit / active) or 0
  local budget = claim_limit
  local claimed_endpoints, claims = {}, {}
  local next_due = -1
  -- Each step starts with another endpoint, so that none waits behind the others when the caller
  -- can take few deliveries.
  local offset = now % #endpoints
  for n = 1, #endpoints do
    local ep = endpoints[(n + offset - 1) % #endpoints + 1]
    local due_key, states, payloads = wh_key(prefix, 'due', ep.id), wh_key(prefix, 's', ep.id), wh_key(prefix, 'p', ep.id)
    if ep.state == 'active' then
      local take = math.min(share, budget, room[ep.id] or share)
      local ids = take > 0 and redis.call('ZRANGEBYSCORE', due_key, '-inf', now, 'LIMIT', 0, take) or {}
      local any = false
      for _, event_id in ipairs(ids) do
        local raw_state = redis.call('HGET', states, event_id)
        if not raw_state then
          redis.call('ZREM', due_key, event_id)
        else
          local state = cjson.decode(raw_state)
          state.lease = token
          redis.call('HSET', states, event_id, cjson.encode(state))
          redis.call('ZADD', due_key, now + lease, event_id)
          claims[#claims + 1] = ep.id
          claims[#claims + 1] = event_id
          claims[#claims + 1] = state.type
          claims[#claims + 1] = redis.call('HGET', payloads, event_id) or 'null'
          claims[#claims + 1] = state.attempts
          budget = budget - 1
          any = true
        end
      end
      if any then
        claimed_endpoints[#claimed_endpoints + 1] = ep.id
        claimed_endpoints[#claimed_endpoints + 1] = ep.json
      end
      -- An endpoint the caller has no room for is looked at again when one of its attempts ends.
      local first = room[ep.id] ~= 0 and redis.call('ZRANGE', due_key, 0, 0, 'WITHSCORES') or {}
      if first[2] and (next_due == -1 or tonumber(first[2]) < next_due) then next_due = tonumber(first[2]) end
    elseif ep.state == 'disabled' then
      for _, event_id in ipairs(redis.call('ZRANGE', due_key, 0, 99)) do
        local raw_state = redis.call('HGET', states, event_id)
        redis.call('ZREM', due_key, event_id)
        if raw_state then
          local state = cjson.decode(raw_state)
          state.status = 'failed'
          state.failedAt = now
          state.nextAt = nil
          state.lease = nil
          state.lastError = 'endpoint disabled: ' .. (ep.reason or '')
          redis.call('HSET', states, event_id, cjson.encode(state))
          wh_move(prefix, ep.id, event_id, 'pending', 'failed')
        end
      end
      if redis.call('ZCARD', due_key) > 0 and (next_due == -1 or now < next_due) then next_due = now end
    end
  end
  return { created, more, next_due, gap, claimed_endpoints, claims, dropped }
end)
