using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Protocol;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol;

public sealed class DownloadTests
{
    private static readonly NodeId[] Peers = Enumerable.Range(0, 13).Select(i => new NodeId($"n{i}")).ToArray();

    [Fact]
    public void Advertisers_keep_their_order_past_the_first_room_and_count_once_each()
    {
        var download = NewDownload();
        foreach (var peer in Peers.Concat(Peers.Take(5)))
        {
            download.AddAdvertiser(peer);
        }

        Assert.Equal(Peers, download.Advertisers.ToArray());
        Assert.True(download.HasAdvertiser(Peers[12]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(12)]
    public void Advertisers_keep_their_order_whatever_room_the_peer_count_made_first(int peers)
    {
        var download = new Download(new Advert(default, ArtifactKind.Ingress, 0, 1, default), Priority.Fetch, peers);
        foreach (var peer in Peers.Concat(Peers.Take(3)))
        {
            download.AddAdvertiser(peer);
        }

        download.MoveToBack(Peers[0]);

        Assert.Equal(Peers.Skip(1).Append(Peers[0]), download.Advertisers.ToArray());
    }

    [Fact]
    public void Removing_an_advertiser_closes_the_gap_and_moving_one_puts_it_last()
    {
        var download = NewDownload();
        foreach (var peer in Peers.Take(6))
        {
            download.AddAdvertiser(peer);
        }

        Assert.True(download.RemoveAdvertiser(Peers[2]));
        Assert.False(download.RemoveAdvertiser(Peers[2]));
        download.MoveToBack(Peers[0]);
        download.MoveToBack(Peers[9]);

        Assert.Equal([Peers[1], Peers[3], Peers[4], Peers[5], Peers[0]], download.Advertisers.ToArray());
        Assert.False(download.HasAdvertiser(Peers[2]));
        Assert.False(download.HasAdvertiser(Peers[9]));
    }

    [Fact]
    public void A_download_without_advertisers_has_none_to_wait_for()
    {
        var download = NewDownload();
        download.AddAdvertiser(Peers[0]);
        download.RemoveAdvertiser(Peers[0]);

        Assert.Equal(0, download.Advertisers.Length);
        Assert.True(download.EveryAdvertiserTimedOut(3));
    }

    private static Download NewDownload() =>
        new(new Advert(default, ArtifactKind.Ingress, 0, 1, default), Priority.Fetch);
}
