using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Telemetry;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// The silo's clock for the emulated network: messages are scheduled for a wall time, gathered per destination
/// node and delivery tick, and handed to the destination grain when the tick comes: queued to it directly when it
/// is activated on this silo and attached (<see cref="Attach"/>), else as one one-way grain call. One thread, no
/// timer per message; how late each tick fires is recorded as the emulator's lag.
/// </summary>
public sealed partial class DeliveryScheduler : IDisposable
{
    private const int MaxCachedReferences = 1_000_000;

    /// <summary>At most this many emptied batch lists wait to be reused, none with room for more than <see cref="MaxSpareCapacity"/>.</summary>
    private const int MaxSpareLists = 4_096;

    private const int MaxSpareCapacity = 1_024;

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _wall;
    private readonly TelemetryRecorder _telemetry;
    private readonly ILogger<DeliveryScheduler> _logger;
    private readonly long _tickTicks;
    private readonly object _gate = new();
    private readonly Dictionary<BatchKey, List<Envelope>> _pending = [];
    private readonly PriorityQueue<BatchKey, long> _due = new();
    private readonly Dictionary<string, INodeGrain> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ILocalNode> _local = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Destination, bool Downloaded), List<Envelope>> _coalesced = [];
    private readonly ConcurrentQueue<List<Envelope>> _spare = new();
    private int _spareCount;
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
        TimeProvider wall,
        TelemetryRecorder telemetry,
        IOptions<EmulatorOptions> options,
        IHostApplicationLifetime lifetime,
        ILogger<DeliveryScheduler> logger)
    {
        _grains = grains;
        _wall = wall;
        _telemetry = telemetry;
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

    /// <summary>Messages waiting for their tick.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Delivers <paramref name="envelope"/> to the node grain keyed <paramref name="destination"/> at <paramref name="dueWall"/>.</summary>
    public void Schedule(string destination, Envelope envelope, DateTimeOffset dueWall, bool downloaded = false)
    {
        var tick = (dueWall.UtcTicks + _tickTicks - 1) / _tickTicks;
        var key = new BatchKey(destination, tick, downloaded);
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            if (!_pending.TryGetValue(key, out var batch))
            {
                batch = NewBatch();
                _pending[key] = batch;
                _due.Enqueue(key, tick);
                if (tick < _sleepingUntilTick)
                {
                    Monitor.Pulse(_gate);
                }
            }

            batch.Add(envelope);
        }
    }

    /// <summary>Batches handed to attached local nodes rather than sent as grain calls.</summary>
    public long LocalDeliveries => Interlocked.Read(ref _localDeliveries);

    /// <summary>Batches sent as grain calls.</summary>
    public long GrainCallDeliveries => Interlocked.Read(ref _grainCallDeliveries);

    /// <summary>
    /// Attaches a node activated on this silo: from now on its batches are handed to it directly. A grain call costs
    /// several times what the delivery it carries costs the protocol; a work item queued to the activation does not.
    /// </summary>
    public void Attach(string destination, ILocalNode node) => _local[destination] = node;

    /// <summary>Detaches <paramref name="node"/> (a deactivating one), unless another has attached under its key since.</summary>
    public void Detach(string destination, ILocalNode node) => _local.TryRemove(new KeyValuePair<string, ILocalNode>(destination, node));

    /// <summary>
    /// Takes back the list of a batch its receiver has handled, to hold a later batch: batch lists are the scheduler's
    /// largest allocation otherwise. The receiver must not touch the list afterwards.
    /// </summary>
    public void Recycle(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes is not List<Envelope> list || list.Capacity > MaxSpareCapacity)
        {
            return;
        }

        if (Interlocked.Increment(ref _spareCount) > MaxSpareLists)
        {
            Interlocked.Decrement(ref _spareCount);
            return;
        }

        list.Clear();
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
        var ready = new List<(BatchKey Key, List<Envelope> Batch)>();
        while (true)
        {
            lock (_gate)
            {
                while (!_stopping)
                {
                    var nowTicks = _wall.GetUtcNow().UtcTicks;
                    if (_due.TryPeek(out _, out var tick))
                    {
                        var wait = tick * _tickTicks - nowTicks;
                        if (wait <= 0)
                        {
                            break;
                        }

                        _sleepingUntilTick = tick;
                        Monitor.Wait(_gate, TimeSpan.FromTicks(Math.Min(wait, TimeSpan.TicksPerSecond)));
                    }
                    else
                    {
                        _sleepingUntilTick = long.MaxValue;
                        Monitor.Wait(_gate, TimeSpan.FromSeconds(1));
                    }
                }

                _sleepingUntilTick = long.MinValue;

                if (_stopping)
                {
                    return;
                }

                var now = _wall.GetUtcNow().UtcTicks;
                while (_due.TryPeek(out var key, out var tick) && tick * _tickTicks <= now)
                {
                    _due.Dequeue();
                    if (_pending.Remove(key, out var batch))
                    {
                        ready.Add((key, batch));
                    }
                }
            }

            var firedAt = _wall.GetUtcNow().UtcTicks;
            foreach (var (key, _) in ready)
            {
                _telemetry.RecordLag(TimeSpan.FromTicks(firedAt - key.Tick * _tickTicks).TotalMilliseconds);
            }

            if (ready.Count > 1 && ready[0].Key.Tick != ready[^1].Key.Tick)
            {
                Coalesce(ready);
            }

            foreach (var (key, batch) in ready)
            {
                Dispatch(key, batch);
            }

            ready.Clear();
        }
    }

    /// <summary>
    /// When the scheduler fell behind (a collection paused it, the machine was busy), the batches it takes span
    /// several ticks and a node has one per tick. They all go now, so each node gets them as one call, in tick
    /// order: the calls a late scheduler makes do not multiply with its lateness.
    /// </summary>
    private void Coalesce(List<(BatchKey Key, List<Envelope> Batch)> ready)
    {
        _coalesced.Clear();
        var kept = 0;
        for (var i = 0; i < ready.Count; i++)
        {
            var (key, batch) = ready[i];
            if (_coalesced.TryGetValue((key.Destination, key.Downloaded), out var into))
            {
                into.AddRange(batch);
                Recycle(batch);
                continue;
            }

            _coalesced[(key.Destination, key.Downloaded)] = batch;
            ready[kept++] = (key, batch);
        }

        ready.RemoveRange(kept, ready.Count - kept);
        _coalesced.Clear();
    }

    private void Dispatch(BatchKey key, List<Envelope> batch)
    {
        try
        {
            if (_local.TryGetValue(key.Destination, out var local))
            {
                local.Deliver(new MessageBatch(batch, key.Downloaded));
                Interlocked.Increment(ref _localDeliveries);
                return;
            }

            if (!_nodes.TryGetValue(key.Destination, out var node))
            {
                if (_nodes.Count >= MaxCachedReferences)
                {
                    _nodes.Clear();
                }

                node = _grains.GetGrain<INodeGrain>(key.Destination);
                _nodes[key.Destination] = node;
            }

            _ = node.ReceiveAsync(new MessageBatch(batch, key.Downloaded));
            Interlocked.Increment(ref _grainCallDeliveries);
        }
        catch (Exception e)
        {
            LogDispatchFailed(_logger, e, key.Destination);
        }
    }

    private List<Envelope> NewBatch()
    {
        if (_spare.TryDequeue(out var list))
        {
            Interlocked.Decrement(ref _spareCount);
            return list;
        }

        return new List<Envelope>(8);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a batch to node {Node}")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string node);

    private readonly record struct BatchKey(string Destination, long Tick, bool Downloaded);
}
