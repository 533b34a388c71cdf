// A loopback TCP port that is free now, chosen by the kernel. A random guess in 20000-50000 falls
// in Linux's ephemeral range (32768-60999), where any outgoing connection of the machine (a load
// generator's, another test's) may hold it: a benchmark run failed on EADDRINUSE that way.
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
