using System.Net;
using System.Net.Sockets;

// udp-junk --to ADDR:PORT [--to ADDR:PORT ...] [--rounds N] [--interval-ms MS] [--seed S]
// Sends, per round and per target, the datagrams a hostile or broken network produces: empty,
// 1 and 3 bytes, a bare non-ESP marker (RFC 3948 §2.2), a keepalive byte, an ISAKMP header cut
// short, a fake ESP header with a random SPI and sequence number, and random bytes of random
// length. Prints how many it sent; exits 2 on bad arguments. Only loopback and the suite's own
// namespaces are ever targets (the caller chooses them).
var targets = new List<IPEndPoint>();
int rounds = 10, intervalMs = 100, seed = 1;
for (int i = 0; i < args.Length; i++)
{
    string value = i + 1 < args.Length ? args[i + 1] : "";
    switch (args[i])
    {
        case "--to" when IPEndPoint.TryParse(value, out IPEndPoint? ep) && ep.Port != 0:
            targets.Add(ep);
            i++;
            break;
        case "--rounds" when int.TryParse(value, out rounds) && rounds > 0:
        case "--interval-ms" when int.TryParse(value, out intervalMs) && intervalMs >= 0:
        case "--seed" when int.TryParse(value, out seed):
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: udp-junk --to ADDR:PORT [--to ...] [--rounds N] [--interval-ms MS] [--seed S]");
            return 2;
    }
}

if (targets.Count == 0)
{
    Console.Error.WriteLine("udp-junk: no --to target");
    return 2;
}

var random = new Random(seed);
using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
int sent = 0, empty = 0;
for (int round = 0; round < rounds; round++)
{
    foreach (IPEndPoint target in targets)
    {
        foreach (byte[] datagram in Junk(random))
        {
            socket.SendTo(datagram, target);
            sent++;
            empty += datagram.Length == 0 ? 1 : 0;
        }
    }

    Thread.Sleep(intervalMs);
}

Console.WriteLine($"udp-junk: {sent} datagrams sent ({empty} empty) to {string.Join(", ", targets)} in {rounds} rounds");
return 0;

static IEnumerable<byte[]> Junk(Random random)
{
    yield return [];
    yield return [0x00];
    yield return [0x00, 0x00, 0x00];
    yield return [0x00, 0x00, 0x00, 0x00];                   // non-ESP marker, nothing behind it
    yield return [0xFF];                                     // a NAT-keepalive
    byte[] isakmp = new byte[4 + 20];                        // marker + 20 of the 28 header bytes
    random.NextBytes(isakmp.AsSpan(4));
    yield return isakmp;
    byte[] esp = new byte[8 + random.Next(0, 200)];          // SPI, sequence number, garbage
    random.NextBytes(esp);
    esp[0] = (byte)(esp[0] | 1);                             // never the all-zero marker
    yield return esp;
    byte[] noise = new byte[random.Next(1, 1400)];
    random.NextBytes(noise);
    yield return noise;
}
