using NanoGate.Boards.Drivers;

namespace NanoGate.Boards.Tests.Esp32;

/// <summary>The board data compiled into the device (BoardTable) is exactly what the board files say.</summary>
public sealed class BoardTableTests
{
    [Fact]
    public void Every_board_file_is_in_the_table_pair_for_pair_in_file_order()
    {
        string[] folders = Esp32BoardFileTests.BoardDirectories().Select(d => Path.GetFileName(d)).ToArray();
        Assert.Equal(folders, BoardTable.Names);
        foreach (string board in folders)
        {
            var expected = new List<string>();
            foreach (string raw in File.ReadAllLines(Path.Combine(RepoPaths.Root, "boards", "esp32", board, "board.conf")))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                int eq = line.IndexOf('=');
                expected.Add(line[..eq].Trim());
                expected.Add(line[(eq + 1)..].Trim());
            }

            BoardData data = BoardTable.Find(board)!;
            Assert.NotNull(data);
            string want = string.Concat(Enumerable.Range(0, expected.Count / 2).Select(i => $"\"{expected[2 * i]}\", \"{expected[2 * i + 1]}\",\n"));
            string have = string.Concat(Enumerable.Range(0, data.Pairs.Length / 2).Select(i => $"\"{data.Pairs[2 * i]}\", \"{data.Pairs[2 * i + 1]}\",\n"));
            Assert.True(want == have, $"boards/Drivers/Board/BoardTable.cs is out of date for {board}; its pairs should read:\n{want}");
        }

        Assert.Null(BoardTable.Find("no-such-board"));
    }

    [Fact]
    public void Numbers_and_text_read_as_the_board_file_writes_them()
    {
        BoardData poe = BoardTable.Find("olimex-esp32-poe")!;
        Assert.Equal("olimex-esp32-poe", poe.Name);
        Assert.Equal(-1, poe.Number("led_pwr_pin"));
        Assert.Equal(20_000_000, poe.Number("lan_spi_clock_hz"));
        Assert.Equal("COM2", poe.Text("console_uart"));
        Assert.Equal(-1, poe.Number("console_uart"));
        Assert.Equal(-1, poe.Number("missing"));
        Assert.Null(poe.Text("missing"));
    }
}
