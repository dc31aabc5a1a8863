using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// Sleeps for less than a millisecond. Every managed wait takes its timeout in whole milliseconds, cut down, so a wait
/// for 0.4 ms returns at once: a thread that waits that way for a delivery tick a fraction of a millisecond away spins
/// until it comes, taking a core from the nodes. Where the C library offers <c>nanosleep</c> (Linux, macOS) the
/// thread sleeps instead, but for the last <see cref="WakeMargin"/>, about what a sleeping thread takes to wake, which
/// it spends giving its time slice to others until the moment comes, so that it is not late by its own wake-up.
/// Elsewhere it yields all the way, which is no worse than spinning.
/// </summary>
internal static partial class ShortSleep
{
    /// <summary>How long before the moment a sleep ends, to wake in time.</summary>
    public static readonly TimeSpan WakeMargin = TimeSpan.FromMicroseconds(150);

    /// <summary>Whether <c>nanosleep</c> can be called; cleared if the C library turns out not to have it.</summary>
    private static bool s_hasNanosleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Returns about <paramref name="duration"/> from now, which should be under a millisecond.</summary>
    public static void For(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var sleep = duration - WakeMargin;
        if (s_hasNanosleep && sleep > TimeSpan.Zero)
        {
            var request = new TimeSpec
            {
                Seconds = (nint)(sleep.Ticks / TimeSpan.TicksPerSecond),
                Nanoseconds = (nint)(sleep.Ticks % TimeSpan.TicksPerSecond * TimeSpan.NanosecondsPerTick),
            };

            try
            {
                // Interrupted by a signal it returns early, and the rest is yielded away below.
                _ = Nanosleep(in request, IntPtr.Zero);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_hasNanosleep = false;
            }
        }

        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.Yield();
        }
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int Nanosleep(in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
