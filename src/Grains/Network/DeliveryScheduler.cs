using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// The silo's clock for the emulated network: messages are scheduled for a wall time and kept in one list per
/// delivery tick; when the tick comes they are gathered per destination node and handed to the destination grain:
/// queued to it directly when it is activated on this silo and attached (<see cref="Attach"/>), else as one one-way
/// grain call. Each message names its destination by the node's <see cref="Mailbox"/>, which also keeps the node's
/// place in the batches being gathered. One thread, no timer per message. Each batch says when each of its messages
/// was due (<see cref="DeliveryBatch.Dues"/>), and the node that takes it counts how late it takes each as the
/// emulator's lag: late because the scheduler fired late, or because the node's turn waited for a thread. A batch per
/// destination is made only when its tick fires, so what waits for a tick is one entry in a reused chunk per message:
/// at a large time scale messages wait for seconds of wall time, and per-batch objects made when they were sent would
/// outlive young collections and make every one of them long.
/// </summary>
public sealed partial class DeliveryScheduler : IDisposable
{
    /// <summary>Past this many mailboxes the scheduler forgets them all; a sender holding a forgotten one makes grain calls.</summary>
    private const int MaxMailboxes = 1_000_000;

    /// <summary>At most this many emptied batch lists wait to be reused, none with room for more than <see cref="MaxSpareCapacity"/>.</summary>
    private const int MaxSpareLists = 4_096;

    private const int MaxSpareCapacity = 1_024;

    /// <summary>At most this many emptied ticks wait to be reused.</summary>
    private const int MaxSpareTicks = 256;

    /// <summary>
    /// At most this many emptied chunks of messages wait to be reused (<see cref="TickMessages.ChunkLength"/> messages
    /// each, 16 MiB in all): chunks beyond that, which only a burst needed, are left to the collector.
    /// </summary>
    private const int MaxSpareChunks = 1_024;

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _wall;
    private readonly ILogger<DeliveryScheduler> _logger;
    private readonly long _tickTicks;
    private readonly object _gate = new();
    private readonly Dictionary<long, TickMessages> _pending = [];
    private readonly PriorityQueue<long, long> _due = new();
    private readonly Stack<TickMessages> _spareTicks = new();
    private readonly Stack<PendingMessage[]> _spareChunks = new();
    private readonly ConcurrentDictionary<string, Mailbox> _mailboxes = new(StringComparer.Ordinal);
    private readonly List<GatheredBatch> _ready = [];
    private readonly ConcurrentQueue<DeliveryBatch> _spare = new();
    private int _spareCount;

    /// <summary>Counts the gatherings, so that a mailbox tells a batch index of this one from a stale one.</summary>
    private long _round;
    private long _localDeliveries;
    private long _grainCallDeliveries;
    private readonly Thread _thread;
    private bool _stopping;

    /// <summary>
    /// The tick the scheduler's thread sleeps until (<see cref="long.MaxValue"/>: until woken), or
    /// <see cref="long.MinValue"/> while it is awake and will look at the queue again anyway: a new batch wakes it
    /// only when due earlier than that.
    /// </summary>
    private long _sleepingUntilTick = long.MinValue;

    public DeliveryScheduler(
        IGrainFactory grains,
        [FromKeyedServices(EmulatorClock.Key)] TimeProvider wall,
        IOptions<EmulatorOptions> options,
        IHostApplicationLifetime lifetime,
        ILogger<DeliveryScheduler> logger)
    {
        _grains = grains;
        _wall = wall;
        _logger = logger;
        _tickTicks = Math.Max(1, options.Value.DeliveryTick.Ticks);
        _thread = new Thread(Run) { IsBackground = true, Name = "OrleansGossip delivery scheduler" };
        _thread.Start();
        lifetime.ApplicationStopping.Register(Dispose);
    }

    /// <summary>
    /// The delivery tick: the scheduler's resolution in wall time, and each run's in emulated time (a node's network
    /// rounds arrivals up to whole ticks of its run's clock).
    /// </summary>
    public TimeSpan Tick => TimeSpan.FromTicks(_tickTicks);

    /// <summary>Delivers <paramref name="message"/> to the node grain it names at the wall time it is due.</summary>
    public void Schedule(in ScheduledMessage message)
    {
        lock (_gate)
        {
            AddLocked(message);
        }
    }

    /// <summary>
    /// Delivers each of <paramref name="messages"/> as <see cref="Schedule"/> does, taking the scheduler's lock once
    /// for all of them: a node's turn sends a dozen messages or more, and senders and the scheduler's thread took turns
    /// on the lock for each.
    /// </summary>
    public void ScheduleAll(List<ScheduledMessage> messages)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                AddLocked(message);
            }
        }
    }

    private void AddLocked(in ScheduledMessage message)
    {
        if (_stopping)
        {
            return;
        }

        var tick = (message.DueWall.UtcTicks + _tickTicks - 1) / _tickTicks;
        if (!_pending.TryGetValue(tick, out var messages))
        {
            messages = _spareTicks.TryPop(out var spare) ? spare : new TickMessages();
            _pending[tick] = messages;
            _due.Enqueue(tick, tick);
            if (tick < _sleepingUntilTick)
            {
                Monitor.Pulse(_gate);
            }
        }

        messages.Add(new PendingMessage(message.Destination, message.Downloaded, message.Envelope), _spareChunks);
    }

    /// <summary>The mailbox of the node grain keyed <paramref name="key"/>, the same one each time (until there are too many).</summary>
    public Mailbox MailboxOf(string key)
    {
        if (_mailboxes.TryGetValue(key, out var mailbox))
        {
            return mailbox;
        }

        if (_mailboxes.Count >= MaxMailboxes)
        {
            _mailboxes.Clear();
        }

        return _mailboxes.GetOrAdd(key, static key => new Mailbox(key));
    }

    /// <summary>Batches handed to attached local nodes rather than sent as grain calls.</summary>
    public long LocalDeliveries => Interlocked.Read(ref _localDeliveries);

    /// <summary>Batches sent as grain calls.</summary>
    public long GrainCallDeliveries => Interlocked.Read(ref _grainCallDeliveries);

    /// <summary>
    /// Attaches a node activated on this silo: from now on its batches are handed to it directly. A grain call costs
    /// several times what the delivery it carries costs the protocol; a work item queued to the activation does not.
    /// </summary>
    public void Attach(string destination, ILocalNode node) => MailboxOf(destination).Attach(node);

    /// <summary>
    /// Detaches <paramref name="node"/> (a deactivating one), unless another has attached under its key since, and
    /// forgets its mailbox: nodes of ended runs do not stay in the scheduler.
    /// </summary>
    public void Detach(string destination, ILocalNode node)
    {
        if (_mailboxes.TryGetValue(destination, out var mailbox) && mailbox.Detach(node))
        {
            _mailboxes.TryRemove(new KeyValuePair<string, Mailbox>(destination, mailbox));
        }
    }

    /// <summary>
    /// Takes back the list of a batch its receiver has handled, to hold a later batch: batch lists are the scheduler's
    /// largest allocation otherwise. The receiver must not touch the list afterwards.
    /// </summary>
    public void Recycle(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes is not DeliveryBatch list || list.Capacity > MaxSpareCapacity)
        {
            return;
        }

        if (Interlocked.Increment(ref _spareCount) > MaxSpareLists)
        {
            Interlocked.Decrement(ref _spareCount);
            return;
        }

        list.Reset();
        _spare.Enqueue(list);
    }

    /// <summary>Stops delivering: what is still pending is dropped, as the silo is going away.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            _pending.Clear();
            _due.Clear();
            Monitor.Pulse(_gate);
        }

        if (Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void Run()
    {
        var ready = new List<(long Tick, TickMessages Messages)>();
        while (true)
        {
            TimeSpan shortSleep;
            lock (_gate)
            {
                if (!WaitForDueTick(out shortSleep))
                {
                    return;
                }

                if (shortSleep == TimeSpan.Zero)
                {
                    TakeDueTicks(ready);
                }
            }

            if (shortSleep > TimeSpan.Zero)
            {
                ShortSleep.For(shortSleep);
                continue;
            }

            Gather(ready);
            foreach (var batch in _ready)
            {
                Dispatch(batch.Destination, batch.Downloaded, batch.Envelopes);
            }

            _ready.Clear();
            lock (_gate)
            {
                foreach (var (_, messages) in ready)
                {
                    messages.Clear(_spareChunks, MaxSpareChunks);
                    if (_spareTicks.Count < MaxSpareTicks)
                    {
                        _spareTicks.Push(messages);
                    }
                }
            }

            ready.Clear();
        }
    }

    /// <summary>
    /// Under the lock, waits until a tick is due or less than a millisecond away (true), or the scheduler stops
    /// (false). A monitor's wait takes whole milliseconds, cut down, so a tick less than a millisecond away is left to
    /// <paramref name="shortSleep"/>, to be slept outside the lock (<see cref="ShortSleep"/>); waiting for it here
    /// would spin until it came. No earlier tick can come up meanwhile unless ticks are shorter than a millisecond,
    /// and then it is late by less than one.
    /// </summary>
    private bool WaitForDueTick(out TimeSpan shortSleep)
    {
        shortSleep = TimeSpan.Zero;
        while (!_stopping)
        {
            var nowTicks = _wall.GetUtcNow().UtcTicks;
            if (!_due.TryPeek(out _, out var tick))
            {
                _sleepingUntilTick = long.MaxValue;
                Monitor.Wait(_gate, TimeSpan.FromSeconds(1));
                continue;
            }

            var wait = tick * _tickTicks - nowTicks;
            if (wait <= 0)
            {
                _sleepingUntilTick = long.MinValue;
                return true;
            }

            _sleepingUntilTick = tick;
            if (wait < TimeSpan.TicksPerMillisecond)
            {
                shortSleep = TimeSpan.FromTicks(wait);
                return true;
            }

            Monitor.Wait(_gate, TimeSpan.FromTicks(Math.Min(wait, TimeSpan.TicksPerSecond)));
        }

        return false;
    }

    /// <summary>Under the lock, moves the lists of every tick now due to <paramref name="ready"/>.</summary>
    private void TakeDueTicks(List<(long Tick, TickMessages Messages)> ready)
    {
        var now = _wall.GetUtcNow().UtcTicks;
        while (_due.TryPeek(out var tick, out _) && tick * _tickTicks <= now)
        {
            _due.Dequeue();
            if (_pending.Remove(tick, out var messages))
            {
                ready.Add((tick, messages));
            }
        }
    }

    /// <summary>
    /// Gathers the messages of the ticks that fired into one batch per destination, in tick order, each message with
    /// its tick's time. When the scheduler fell behind (a collection paused it, the machine was busy) the ticks it
    /// takes are several, and a node still gets one batch: the deliveries a late scheduler makes do not multiply with
    /// its lateness, and each message still counts as late as it is.
    /// </summary>
    private void Gather(List<(long Tick, TickMessages Messages)> ready)
    {
        var round = ++_round;
        foreach (var (tick, messages) in ready)
        {
            var dueTicks = tick * _tickTicks;
            for (var chunk = 0; chunk < messages.Chunks; chunk++)
            {
                foreach (ref readonly var message in messages.Chunk(chunk))
                {
                    _ready[BatchOf(message.Destination, message.Downloaded, round)].Envelopes.Add(message.Envelope, dueTicks);
                }
            }
        }
    }

    /// <summary>
    /// The index in <see cref="_ready"/> of this round's batch for <paramref name="destination"/>, made on first need.
    /// </summary>
    private int BatchOf(Mailbox destination, bool downloaded, long round)
    {
        if (destination.Round != round)
        {
            destination.Round = round;
            destination.Batch = -1;
            destination.DownloadedBatch = -1;
        }

        var index = downloaded ? destination.DownloadedBatch : destination.Batch;
        if (index >= 0)
        {
            return index;
        }

        index = _ready.Count;
        _ready.Add(new GatheredBatch(destination, downloaded, NewBatch()));
        if (downloaded)
        {
            destination.DownloadedBatch = index;
        }
        else
        {
            destination.Batch = index;
        }

        return index;
    }

    private void Dispatch(Mailbox destination, bool downloaded, DeliveryBatch batch)
    {
        try
        {
            // Counted before the hand-off, so that the node that takes the batch finds it counted.
            if (destination.Local is { } local)
            {
                Interlocked.Increment(ref _localDeliveries);
                local.Deliver(batch, downloaded);
                return;
            }

            destination.Grain ??= _grains.GetGrain<INodeGrain>(destination.Key);
            Interlocked.Increment(ref _grainCallDeliveries);
            _ = destination.Grain.ReceiveAsync(batch.ToMessage(downloaded));
            Recycle(batch);
        }
        catch (Exception e)
        {
            LogDispatchFailed(_logger, e, destination.Key);
        }
    }

    private DeliveryBatch NewBatch()
    {
        if (_spare.TryDequeue(out var list))
        {
            Interlocked.Decrement(ref _spareCount);
            return list;
        }

        return new DeliveryBatch(8);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a batch to node {Node}")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string node);

    /// <summary>A message waiting for its tick, with the node it goes to.</summary>
    private readonly record struct PendingMessage(Mailbox Destination, bool Downloaded, Envelope Envelope);

    /// <summary>
    /// The messages waiting for one tick, in order, in chunks of <see cref="ChunkLength"/> taken from the scheduler's
    /// spares and given back when the tick has fired. A list that grew by doubling for a busy tick left each outgrown
    /// array behind, and from a few thousand messages on those were large objects, whose allocations started
    /// collections of the whole heap; a chunk stays a small object and is used again.
    /// </summary>
    private sealed class TickMessages
    {
        /// <summary>Messages per chunk: 16 KiB of them, well below the large object heap's threshold.</summary>
        public const int ChunkLength = 512;

        private readonly List<PendingMessage[]> _chunks = [];

        /// <summary>How many messages the last chunk holds; a full count when there is none, so that the first message takes one.</summary>
        private int _lastCount = ChunkLength;

        public int Chunks => _chunks.Count;

        public void Add(in PendingMessage message, Stack<PendingMessage[]> spares)
        {
            if (_lastCount == ChunkLength)
            {
                _chunks.Add(spares.TryPop(out var chunk) ? chunk : new PendingMessage[ChunkLength]);
                _lastCount = 0;
            }

            _chunks[^1][_lastCount++] = message;
        }

        /// <summary>The messages of chunk <paramref name="index"/>, in the order they were added.</summary>
        public ReadOnlySpan<PendingMessage> Chunk(int index) => _chunks[index].AsSpan(0, CountIn(index));

        /// <summary>
        /// Empties the tick, giving its chunks back to <paramref name="spares"/> while it holds fewer than
        /// <paramref name="maxSpares"/>; each is cleared first, so that a spare keeps no message alive.
        /// </summary>
        public void Clear(Stack<PendingMessage[]> spares, int maxSpares)
        {
            for (var i = 0; i < _chunks.Count && spares.Count < maxSpares; i++)
            {
                _chunks[i].AsSpan(0, CountIn(i)).Clear();
                spares.Push(_chunks[i]);
            }

            _chunks.Clear();
            _lastCount = ChunkLength;
        }

        /// <summary>How many messages chunk <paramref name="index"/> holds: all but the last are full.</summary>
        private int CountIn(int index) => index == _chunks.Count - 1 ? _lastCount : ChunkLength;
    }

    /// <summary>The messages for one destination, gathered from the ticks that fired; kept in a reused list.</summary>
    private readonly record struct GatheredBatch(Mailbox Destination, bool Downloaded, DeliveryBatch Envelopes);
}
