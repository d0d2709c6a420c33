namespace NanoGate.Hal
{
    /// <summary>
    /// The run loop's way to a batch: a transport that batches (<see cref="IDatagramBatchTransport"/>)
    /// gets the whole batch, any other one the entries one call at a time, with the same results.
    /// Allocation-free either way.
    /// </summary>
    public static class DatagramBatches
    {
        /// <summary>Receives into <paramref name="batch"/>'s entries; returns how many were filled (0: nothing waiting).</summary>
        [FastPath]
        public static int Receive(IDatagramTransport transport, DatagramBatch batch)
        {
            IDatagramBatchTransport batching = transport as IDatagramBatchTransport;
            if (batching != null)
            {
                return batching.ReceiveBatch(batch);
            }

            int filled = 0;
            while (filled < batch.Count)
            {
                uint from;
                int fromPort;
                int n = transport.Receive(batch.Buffers[filled], batch.Offsets[filled], batch.Counts[filled], out from, out fromPort);
                if (n == DatagramReceive.None)
                {
                    break;
                }

                batch.Results[filled] = n;
                batch.Addresses[filled] = from;
                batch.Ports[filled] = fromPort;
                filled++;
            }

            return filled;
        }

        /// <summary>Sends <paramref name="batch"/>'s entries in order; returns how many the platform took.</summary>
        [FastPath]
        public static int Send(IDatagramTransport transport, DatagramBatch batch)
        {
            IDatagramBatchTransport batching = transport as IDatagramBatchTransport;
            if (batching != null)
            {
                return batching.SendBatch(batch);
            }

            int sent = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                if (transport.Send(batch.Buffers[i], batch.Offsets[i], batch.Counts[i], batch.Addresses[i], batch.Ports[i]))
                {
                    sent++;
                }
            }

            return sent;
        }
    }
}
