using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class DownloadManagerTests
{
    private static readonly NodeId A = new("a");
    private static readonly NodeId B = new("b");
    private static readonly NodeId C = new("c");

    private static int _sequence;

    [Fact]
    public void A_download_times_out_at_its_deadline_and_its_source_goes_to_the_back()
    {
        var manager = new DownloadManager();
        var download = NewDownload(A, B, C);
        manager.Add(download);
        manager.Start(download, A, deadlineMs: 15_000);

        Assert.Equal(15_000, manager.NextDeadlineMs);
        Assert.Equal(1, manager.InFlight);
        Assert.Empty(manager.TakeTimedOut(14_999.9));

        var timedOut = Assert.Single(manager.TakeTimedOut(15_000));
        Assert.Same(download, timedOut.Download);
        Assert.Equal(A, timedOut.Source);
        Assert.Null(download.Source);
        Assert.Equal([B, C, A], download.Advertisers.ToArray());
        Assert.Equal(0, manager.InFlight);
        Assert.Null(manager.NextDeadlineMs);
    }

    [Fact]
    public void The_deadline_of_an_earlier_attempt_does_not_time_out_a_later_one()
    {
        var manager = new DownloadManager();
        var download = NewDownload(A, B);
        manager.Add(download);
        manager.Start(download, A, deadlineMs: 1_000);
        download.Source = null;
        manager.Start(download, B, deadlineMs: 2_000);

        Assert.Empty(manager.TakeTimedOut(1_500));
        Assert.Equal(B, download.Source);
        Assert.Equal([A, B], download.Advertisers.ToArray());

        Assert.Equal(B, Assert.Single(manager.TakeTimedOut(2_000)).Source);
    }

    [Fact]
    public void A_finished_download_leaves_no_timeout_behind()
    {
        var manager = new DownloadManager();
        var download = NewDownload(A);
        manager.Add(download);
        manager.Start(download, A, deadlineMs: 1_000);
        manager.Remove(download.Advert.Id);

        Assert.Empty(manager.TakeTimedOut(5_000));
        Assert.Equal(0, manager.Count);
    }

    [Fact]
    public void The_next_deadline_is_always_a_live_one_in_time_order()
    {
        var manager = new DownloadManager();
        var first = NewDownload(A);
        var second = NewDownload(B);
        var third = NewDownload(C);
        foreach (var download in new[] { first, second, third })
        {
            manager.Add(download);
        }

        manager.Start(first, A, deadlineMs: 1_000);
        manager.Start(second, B, deadlineMs: 3_000);
        manager.Start(third, C, deadlineMs: 2_000);
        Assert.Equal(1_000, manager.NextDeadlineMs);

        manager.Remove(first.Advert.Id);
        Assert.Equal(2_000, manager.NextDeadlineMs);

        manager.Start(third, C, deadlineMs: 4_000);
        Assert.Equal(3_000, manager.NextDeadlineMs);
        Assert.Equal([second, third], manager.TakeTimedOut(10_000).Select(t => t.Download));
        Assert.Null(manager.NextDeadlineMs);
    }

    [Fact]
    public void Forgetting_a_peer_orphans_its_downloads_and_removes_it_as_advertiser()
    {
        var manager = new DownloadManager();
        var fromA = NewDownload(A, B);
        var fromB = NewDownload(B, A);
        manager.Add(fromA);
        manager.Add(fromB);
        manager.Start(fromA, A, 1_000);
        manager.Start(fromB, B, 1_000);

        var orphaned = manager.ForgetPeer(A);

        Assert.Equal([fromA], orphaned);
        Assert.Null(fromA.Source);
        Assert.Equal([B], fromA.Advertisers.ToArray());
        Assert.Equal(B, fromB.Source);
        Assert.Equal([B], fromB.Advertisers.ToArray());
        Assert.DoesNotContain(manager.TakeTimedOut(1_000), t => t.Download == fromA);
    }

    [Fact]
    public void An_advertiser_is_listed_once()
    {
        var download = NewDownload(A, B);
        download.AddAdvertiser(A);

        Assert.Equal([A, B], download.Advertisers.ToArray());
    }

    [Fact]
    public void A_finished_download_comes_back_fresh_for_the_next_artifact()
    {
        var manager = new DownloadManager();
        var finished = NewDownload(A, B, C);
        manager.Add(finished);
        manager.Start(finished, A, deadlineMs: 1_000);
        finished.RecordTimeout(B);
        manager.Remove(finished.Advert.Id);

        var next = NewDownload().Advert;
        var reused = manager.Rent(next, Priority.FetchNow, peers: 2);
        Assert.Same(finished, reused);
        Assert.Equal(next, reused.Advert);
        Assert.Equal(Priority.FetchNow, reused.Priority);
        Assert.Equal(0, reused.Advertisers.Length);
        Assert.Null(reused.Source);
        Assert.Equal(0, reused.Attempt);
        Assert.Equal(0, reused.TimeoutsOf(B));

        manager.Add(reused);
        reused.AddAdvertiser(C);
        manager.Start(reused, C, deadlineMs: 2_000);
        Assert.Equal(2_000, manager.NextDeadlineMs);
        Assert.Equal(reused, Assert.Single(manager.TakeTimedOut(5_000)).Download);
        Assert.NotSame(reused, manager.Rent(NewDownload().Advert, Priority.Fetch, peers: 2));
    }

    private static Download NewDownload(params NodeId[] advertisers)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var artifact = Artifact.Create(ArtifactKind.Ingress, 1_000_000, "downloads", sequence, ArtifactBody.Synthetic(10, 1));
        var download = new Download(artifact.Advert, Priority.Fetch);
        foreach (var peer in advertisers)
        {
            download.AddAdvertiser(peer);
        }

        return download;
    }
}
