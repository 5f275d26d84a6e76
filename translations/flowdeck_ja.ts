<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>EndpointProbe</name>
    <message>
        <source>Connected to %1 (%2).</source>
        <translation>%1 に接続しました (%2)。</translation>
    </message>
    <message>
        <source>The table %1.%2 does not exist.</source>
        <translation>テーブル %1.%2 は存在しません。</translation>
    </message>
    <message>
        <source>%1 column(s).</source>
        <translation>%1 列。</translation>
    </message>
    <message>
        <source>Cannot reach the Kafka brokers %1: %2</source>
        <translation>Kafka ブローカー %1 に接続できません: %2</translation>
    </message>
    <message>
        <source>Connected: %1 broker(s), %2 topic(s).</source>
        <translation>接続しました: ブローカー %1 台、トピック %2 個。</translation>
    </message>
    <message>
        <source>%1 field(s); the first %2 row(s) are shown.</source>
        <translation>%1 フィールド。最初の %2 行を表示しています。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) among the first rows cannot be read; a run stops at them, or dead-letters them when errors are skipped. The first: %1</source>
        <translation>
            <numerusform>先頭の行のうち %n 行を読み取れません。実行はそこで停止します（エラーをスキップする設定ではデッドレターに書き込みます）。最初の行: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EngineMessages</name>
    <message>
        <source>cannot connect to %1 as %2: %3</source>
        <translation>%1 に %2 として接続できません: %3</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>接続が拒否されました（そのポートでサーバーが動いていますか?）</translation>
    </message>
    <message>
        <source>connection timed out</source>
        <translation>接続がタイムアウトしました</translation>
    </message>
    <message>
        <source>no route to host</source>
        <translation>ホストへの経路がありません</translation>
    </message>
    <message>
        <source>unknown host %1</source>
        <translation>不明なホスト %1</translation>
    </message>
    <message>
        <source>Access denied for user &apos;%1&apos;@&apos;%2&apos; (using password: YES)</source>
        <translation>パスワードが違います: ユーザー &apos;%1&apos;@&apos;%2&apos; のアクセスが拒否されました</translation>
    </message>
    <message>
        <source>Access denied for user &apos;%1&apos;@&apos;%2&apos; (using password: NO)</source>
        <translation>パスワードが必要です: ユーザー &apos;%1&apos;@&apos;%2&apos; のアクセスが拒否されました</translation>
    </message>
    <message>
        <source>Unknown database &apos;%1&apos;</source>
        <translation>データベース &apos;%1&apos; は存在しません</translation>
    </message>
    <message>
        <source>cannot set up the session on %1: %2</source>
        <translation>%1 でセッションを準備できません: %2</translation>
    </message>
    <message>
        <source>table %1 does not exist (set &quot;createTable&quot;: true to create it)</source>
        <translation>テーブル %1 は存在しません（作成するには「テーブルを作成」をオンにするか &quot;createTable&quot;: true を設定）</translation>
    </message>
    <message>
        <source>Table &apos;%1&apos; doesn&apos;t exist</source>
        <translation>テーブル &apos;%1&apos; は存在しません</translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; does not exist on %2</source>
        <translation>トピック &apos;%1&apos; は %2 に存在しません</translation>
    </message>
    <message>
        <source>expected %1 fields (as in the header) but found %2</source>
        <translation>不正な CSV 行: フィールドは %1 個（ヘッダーと同じ）のはずが %2 個あります</translation>
    </message>
    <message>
        <source>expected %1 fields (as in the first record) but found %2</source>
        <translation>不正な CSV 行: フィールドは %1 個（最初のレコードと同じ）のはずが %2 個あります</translation>
    </message>
    <message>
        <source>unexpected character &apos;%1&apos; after a closing quote</source>
        <translation>不正な CSV 行: 閉じ引用符の後に予期しない文字 &apos;%1&apos; があります</translation>
    </message>
    <message>
        <source>unexpected character after a closing quote</source>
        <translation>不正な CSV 行: 閉じ引用符の後に予期しない文字があります</translation>
    </message>
    <message>
        <source>invalid UTF-8 byte %1</source>
        <translation>不正な UTF-8 バイト %1</translation>
    </message>
    <message>
        <source>unbalanced quote: the quoted field opened on line %1 is never closed, so the rest of the file was read as one record</source>
        <translation>引用符の対応が取れていません: %1 行目で始まった引用符付きフィールドが閉じられていないため、ファイルの残りが 1 つのレコードとして読み込まれました</translation>
    </message>
    <message>
        <source>Duplicate entry &apos;%1&apos; for key &apos;%2&apos;</source>
        <translation>キー &apos;%2&apos; の値 &apos;%1&apos; が重複しています</translation>
    </message>
    <message>
        <source>Column &apos;%1&apos; cannot be null</source>
        <translation>列 &apos;%1&apos; は NULL にできません</translation>
    </message>
    <message>
        <source>required (a short name for the flow)</source>
        <translation>必須（フローの短い名前）</translation>
    </message>
    <message>
        <source>required when onError is &apos;skip&apos; (a JSON Lines file, or {&quot;topic&quot;: ...})</source>
        <translation>onError が &apos;skip&apos; のときは必須（JSON Lines ファイル、または {&quot;topic&quot;: ...}）</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>%1:%2:%3: %4</source>
        <translation>%1 の %2 行 %3 列目: %4</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1 の %2 行目: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>read</source>
        <comment>record error stage</comment>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>mapping</source>
        <comment>record error stage</comment>
        <translation>マッピング</translation>
    </message>
    <message>
        <source>write</source>
        <comment>record error stage</comment>
        <translation>書き込み</translation>
    </message>
    <message>
        <source>run</source>
        <comment>record error stage: the run itself failed</comment>
        <translation>実行</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>no such table</source>
        <translation>テーブルが存在しません</translation>
    </message>
</context>
<context>
    <name>RunNotes</name>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>line %1 of %2</source>
        <translation>%2 の %1 行目</translation>
    </message>
    <message>
        <source>GTID %1</source>
        <translation>GTID %1</translation>
    </message>
    <message>
        <source>the checkpoint</source>
        <translation>チェックポイント</translation>
    </message>
    <message>
        <source>%1: %2 in %3 s — read %4, written %5, filtered %6, dead-lettered %7</source>
        <translation>%1: %2（%3 秒）— 読み取り %4、書き込み %5、フィルター除外 %6、デッドレター %7</translation>
    </message>
    <message>
        <source>, failed %1</source>
        <translation>、失敗 %1</translation>
    </message>
    <message>
        <source>(resumed at %1)</source>
        <translation>（%1 から再開）</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the keychain is turned off (FLOWDECK_KEYCHAIN=off)</source>
        <translation>キーチェーンは無効になっています (FLOWDECK_KEYCHAIN=off)</translation>
    </message>
    <message>
        <source>no keychain service answers</source>
        <translation>応答するキーチェーンサービスがありません</translation>
    </message>
</context>
<context>
    <name>flowdeck::BrokerStatus</name>
    <message>
        <source>The embedded Kafka broker of flows with &quot;embedded&quot; brokers: it runs inside this window, keeps messages in memory only, and stops when Flowdeck quits</source>
        <translation>ブローカーが &quot;embedded&quot; のフローが使う組み込み Kafka ブローカー: このウィンドウの中で動き、メッセージはメモリにだけ保持し、Flowdeck の終了とともに停止します</translation>
    </message>
    <message>
        <source>Embedded broker: running on %1</source>
        <translation>組み込みブローカー: %1 で実行中</translation>
    </message>
    <message>
        <source>Embedded broker: not running</source>
        <translation>組み込みブローカー: 停止中</translation>
    </message>
    <message>
        <source>Stop</source>
        <comment>embedded broker</comment>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <comment>embedded broker</comment>
        <translation>開始</translation>
    </message>
    <message>
        <source>Embedded broker: %1</source>
        <translation>組み込みブローカー: %1</translation>
    </message>
    <message>
        <source>Embedded broker: in use by a running flow; stop the run first</source>
        <translation>組み込みブローカー: 実行中のフローが使用中です。先に実行を停止してください</translation>
    </message>
</context>
<context>
    <name>flowdeck::ChangeEventView</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
</context>
<context>
    <name>flowdeck::CreateTableDialog</name>
    <message>
        <source>Create the Table</source>
        <translation>テーブルの作成</translation>
    </message>
    <message>
        <source>Flowdeck runs this statement on the destination server. The column names are the mapped names in snake_case; the types come from the preview&apos;s values. Edit it if you want.</source>
        <translation>Flowdeck はこの文を送信先サーバーで実行します。列名はマッピング先の名前を snake_case にしたもの、型はプレビューの値から推定したものです。必要なら編集できます。</translation>
    </message>
    <message>
        <source>columns of the primary key, comma-separated</source>
        <translation>主キーの列（カンマ区切り）</translation>
    </message>
    <message>
        <source>Create &amp;Table</source>
        <translation>テーブルを作成(&amp;T)</translation>
    </message>
    <message>
        <source>Primary &amp;key:</source>
        <translation>主キー(&amp;K)</translation>
    </message>
    <message>
        <source>%1 is not a column of the table.</source>
        <translation>%1 はこのテーブルの列ではありません。</translation>
    </message>
    <message>
        <source>Creating the table…</source>
        <translation>テーブルを作成しています…</translation>
    </message>
</context>
<context>
    <name>flowdeck::DetailsPage</name>
    <message>
        <source>Flow details</source>
        <translation>フローの詳細</translation>
    </message>
    <message>
        <source>Name the flow and say what it is for. The name also names its file, its checkpoints and its run history.</source>
        <translation>フローの名前と用途を指定します。この名前はフローのファイル、チェックポイント、実行履歴の名前にも使われます。</translation>
    </message>
    <message>
        <source>e.g. salesforce-accounts-to-tidb</source>
        <translation>例: salesforce-accounts-to-tidb</translation>
    </message>
    <message>
        <source>Optional: what the flow does, for whoever reads the list of flows.</source>
        <translation>省略可: フローの一覧を見る人向けに、このフローが何をするかを記述します。</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D)</translation>
    </message>
    <message>
        <source>Give the flow a name.</source>
        <translation>フローの名前を入力してください。</translation>
    </message>
    <message>
        <source>The name must not contain &apos;/&apos;.</source>
        <translation>名前に &apos;/&apos; は使用できません。</translation>
    </message>
    <message>
        <source>The name must not contain control characters such as tabs.</source>
        <translation>名前にタブなどの制御文字は使用できません。</translation>
    </message>
    <message>
        <source>The name must not start with &apos;.&apos;.</source>
        <translation>名前の先頭に &apos;.&apos; は使用できません。</translation>
    </message>
    <message>
        <source>The name is longer than %1 characters.</source>
        <translation>名前が %1 文字を超えています。</translation>
    </message>
    <message>
        <source>A flow named &quot;%1&quot; exists already.</source>
        <translation>「%1」という名前のフローは既に存在します。</translation>
    </message>
    <message>
        <source>Flow na&amp;me:</source>
        <translation>フロー名(&amp;M)</translation>
    </message>
</context>
<context>
    <name>flowdeck::EndpointTypePage</name>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>送信先</translation>
    </message>
    <message>
        <source>Where do the records come from?</source>
        <translation>レコードの取得元を選択してください。</translation>
    </message>
    <message>
        <source>Where do the records go?</source>
        <translation>レコードの送信先を選択してください。</translation>
    </message>
    <message>
        <source>&amp;MySQL, MariaDB or TiDB</source>
        <translation>MySQL、MariaDB、TiDB(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Kafka</source>
        <translation>Kafka(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File (CSV or JSON Lines)</source>
        <translation>ファイル (CSV または JSON Lines)(&amp;F)</translation>
    </message>
    <message>
        <source>Read a table once, or follow its changes from the binary log (CDC). No server at hand? The next page can start a sandbox database on this machine.</source>
        <translation>テーブルを 1 回読み取るか、バイナリログから変更を追跡します (CDC)。手元にサーバーがない場合は、次のページでこのマシン上にサンドボックスデータベースを起動できます。</translation>
    </message>
    <message>
        <source>Insert, update, upsert or replicate into a table; Flowdeck can create the table and add missing columns. No server at hand? The next page can start a sandbox database.</source>
        <translation>テーブルに挿入、更新、アップサート、またはレプリケートします。Flowdeck はテーブルを作成し、不足している列を追加できます。手元にサーバーがない場合は、次のページでサンドボックスデータベースを起動できます。</translation>
    </message>
    <message>
        <source>Read messages from topics (JSON, canal-json or Debezium). No cluster? Use Flowdeck&apos;s embedded broker.</source>
        <translation>トピックからメッセージを読み取ります (JSON、canal-json、Debezium)。クラスターがない場合は、Flowdeck の組み込みブローカーを使用してください。</translation>
    </message>
    <message>
        <source>Write each record as a message: JSON, canal-json (as TiCDC writes it) or Debezium. No cluster? Use Flowdeck&apos;s embedded broker.</source>
        <translation>各レコードをメッセージとして書き込みます: JSON、canal-json (TiCDC と同じ形式)、Debezium。クラスターがない場合は、Flowdeck の組み込みブローカーを使用してください。</translation>
    </message>
    <message>
        <source>A CSV or JSON Lines file, such as an export from Salesforce. A preview shows the first rows.</source>
        <translation>Salesforce からのエクスポートなどの CSV または JSON Lines ファイル。プレビューに最初の数行が表示されます。</translation>
    </message>
    <message>
        <source>Write a CSV or JSON Lines file.</source>
        <translation>CSV または JSON Lines ファイルに書き込みます。</translation>
    </message>
</context>
<context>
    <name>flowdeck::ErrorListModel</name>
    <message>
        <source>%1 (stopped the run)</source>
        <translation>%1 (実行を停止)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>レコード</translation>
    </message>
    <message>
        <source>%1 (dead-lettered)</source>
        <translation>%1 (デッドレター)</translation>
    </message>
</context>
<context>
    <name>flowdeck::FieldMappingModel</name>
    <message>
        <source>The destination is empty.</source>
        <translation>送信先が空です。</translation>
    </message>
    <message>
        <source>The column &apos;%1&apos; is already mapped in row %2.</source>
        <translation>列 &apos;%1&apos; は既に行 %2 でマッピングされています。</translation>
    </message>
    <message>
        <source>The destination has no column &apos;%1&apos;.</source>
        <translation>送信先に列 &apos;%1&apos; がありません。</translation>
    </message>
    <message>
        <source>Choose a source field or a transform for &apos;%1&apos;.</source>
        <translation>&apos;%1&apos; のソースフィールドまたは変換を選択してください。</translation>
    </message>
    <message>
        <source>The source has no field &apos;%1&apos;.</source>
        <translation>ソースにフィールド &apos;%1&apos; がありません。</translation>
    </message>
    <message>
        <source>Double-click to edit the steps.</source>
        <translation>ダブルクリックしてステップを編集します。</translation>
    </message>
    <message>
        <source>Source field</source>
        <translation>ソースフィールド</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>送信先</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>変換</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>cast to %1</source>
        <translation>%1 に型変換</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilePage</name>
    <message>
        <source>Source file</source>
        <translation>ソースファイル</translation>
    </message>
    <message>
        <source>Destination file</source>
        <translation>送信先ファイル</translation>
    </message>
    <message>
        <source>Choose a CSV or JSON Lines file. A glob such as exports/*.csv takes each new file once.</source>
        <translation>CSV または JSON Lines ファイルを選択してください。exports/*.csv のようなグロブを指定すると、新しいファイルをそれぞれ 1 回ずつ読み取ります。</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>書き込むファイルを選択してください。</translation>
    </message>
    <message>
        <source>/path/to/accounts.csv</source>
        <translation>/path/to/accounts.csv</translation>
    </message>
    <message>
        <source>/path/to/output.jsonl</source>
        <translation>/path/to/output.jsonl</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>From the file name</source>
        <translation>ファイル名から判定</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>First row holds the column &amp;names</source>
        <translation>先頭行に列名を含む(&amp;N)</translation>
    </message>
    <message>
        <source>comma ( , )</source>
        <translation>カンマ ( , )</translation>
    </message>
    <message>
        <source>semicolon ( ; )</source>
        <translation>セミコロン ( ; )</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>タブ</translation>
    </message>
    <message>
        <source>bar ( | )</source>
        <translation>縦棒 ( | )</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>形式(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>区切り文字(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quote:</source>
        <translation>引用符(&amp;Q)</translation>
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.jsonl *.ndjson *.txt);;All files (*)</source>
        <translation>データファイル (*.csv *.tsv *.jsonl *.ndjson *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading the first rows…</source>
        <translation>最初の数行を読み取っています…</translation>
    </message>
    <message>
        <source>A destination is one file: no &apos;*&apos; or &apos;?&apos; in the path.</source>
        <translation>送信先は 1 つのファイルです。パスに &apos;*&apos; や &apos;?&apos; は使用できません。</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilterDelegate</name>
    <message>
        <source>low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>high</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>and</source>
        <translation>から</translation>
    </message>
    <message>
        <source>value, value, …</source>
        <translation>値, 値, …</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilterEditor</name>
    <message>
        <source>Only records that meet every condition are written. Conditions apply to the source fields, before the mapping.</source>
        <translation>すべての条件を満たすレコードだけが書き込まれます。条件はマッピング前のソースフィールドに適用されます。</translation>
    </message>
    <message>
        <source>&amp;Add filter</source>
        <translation>フィルターを追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Filter %1: %2</source>
        <translation>フィルター %1: %2</translation>
    </message>
    <message>
        <source>No preview rows.</source>
        <translation>プレビュー行がありません。</translation>
    </message>
    <message>
        <source>Fix the filters to count the preview rows that pass.</source>
        <translation>通過するプレビュー行を数えるには、フィルターを修正してください。</translation>
    </message>
    <message>
        <source>%1 of %2 preview rows pass</source>
        <translation>プレビュー行 %2 行のうち %1 行が通過</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilterModel</name>
    <message>
        <source>equals</source>
        <translation>等しい</translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation>等しくない</translation>
    </message>
    <message>
        <source>less than</source>
        <translation>より小さい</translation>
    </message>
    <message>
        <source>less than or equal to</source>
        <translation>以下</translation>
    </message>
    <message>
        <source>greater than</source>
        <translation>より大きい</translation>
    </message>
    <message>
        <source>greater than or equal to</source>
        <translation>以上</translation>
    </message>
    <message>
        <source>between</source>
        <translation>範囲内</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>いずれかに一致</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>いずれにも一致しない</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>含む</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>で始まる</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>で終わる</translation>
    </message>
    <message>
        <source>is null</source>
        <translation>NULL である</translation>
    </message>
    <message>
        <source>is not null</source>
        <translation>NULL でない</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>正規表現に一致する</translation>
    </message>
    <message>
        <source>Choose a field.</source>
        <translation>フィールドを選択してください。</translation>
    </message>
    <message>
        <source>The source has no field &apos;%1&apos;.</source>
        <translation>ソースにフィールド &apos;%1&apos; がありません。</translation>
    </message>
    <message>
        <source>Unknown operator &apos;%1&apos;.</source>
        <translation>不明な演算子 &apos;%1&apos; です。</translation>
    </message>
    <message>
        <source>&apos;between&apos; needs two values: the low and the high end.</source>
        <translation>「範囲内」には下限と上限の 2 つの値が必要です。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a list of values, separated by commas.</source>
        <translation>「%1」にはカンマ区切りの値のリストが必要です。</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1 at offset %2.</source>
        <translation>無効な正規表現です: オフセット %2 で %1。</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 から %2</translation>
    </message>
    <message>
        <source>Values separated by commas; quote a value that holds a comma: &quot;a, b&quot;</source>
        <translation>値をカンマで区切ります。カンマを含む値は引用符で囲みます: &quot;a, b&quot;</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>flowdeck::FiltersPage</name>
    <message>
        <source>Filters (optional)</source>
        <translation>フィルター (省略可)</translation>
    </message>
    <message>
        <source>Keep only the records that meet every condition. Leave the list empty to keep everything.</source>
        <translation>すべての条件を満たすレコードだけを残します。リストを空にするとすべて残します。</translation>
    </message>
</context>
<context>
    <name>flowdeck::FlowListModel</name>
    <message>
        <source>invalid flow file</source>
        <translation>無効なフローファイル</translation>
    </message>
    <message>
        <source>Run on demand</source>
        <translation>オンデマンドで実行</translation>
    </message>
    <message>
        <source>Run on schedule</source>
        <translation>スケジュールに従って実行</translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation>継続的に実行</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止済み</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>フロー</translation>
    </message>
    <message>
        <source>Source → Destination</source>
        <translation>ソース → 送信先</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>トリガー</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>前回の実行</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>次回の実行</translation>
    </message>
    <message>
        <source>read %1, written %2, filtered %3, dead-lettered %4</source>
        <translation>読み取り %1、書き込み %2、フィルター除外 %3、デッドレター %4</translation>
    </message>
    <message>
        <source>, failed %1</source>
        <translation>、失敗 %1</translation>
    </message>
    <message>
        <source>deactivated after %1 failed runs in a row</source>
        <translation>%1 回連続で失敗したため無効化</translation>
    </message>
</context>
<context>
    <name>flowdeck::FlowWizard</name>
    <message>
        <source>Create Flow</source>
        <translation>フローを作成</translation>
    </message>
    <message>
        <source>Edit Flow</source>
        <translation>フローを編集</translation>
    </message>
    <message>
        <source>Save Flow</source>
        <translation>フローを保存</translation>
    </message>
    <message>
        <source>Cannot save the secret %1 in the keychain: %2</source>
        <translation>シークレット %1 をキーチェーンに保存できません: %2</translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation>%1 は既に存在します。</translation>
    </message>
    <message>
        <source>The flow was not saved:

%1</source>
        <translation>フローは保存されませんでした:

%1</translation>
    </message>
    <message>
        <source>Discard the changes to this flow?</source>
        <translation>このフローへの変更を破棄しますか?</translation>
    </message>
    <message>
        <source>Discard this new flow?</source>
        <translation>この新しいフローを破棄しますか?</translation>
    </message>
</context>
<context>
    <name>flowdeck::KafkaPage</name>
    <message>
        <source>Source: Kafka</source>
        <translation>ソース: Kafka</translation>
    </message>
    <message>
        <source>Destination: Kafka</source>
        <translation>送信先: Kafka</translation>
    </message>
    <message>
        <source>Connect to the cluster, then say which topics to read.</source>
        <translation>クラスターに接続し、読み取るトピックを指定します。</translation>
    </message>
    <message>
        <source>Connect to the cluster, then say which topic each record goes to.</source>
        <translation>クラスターに接続し、各レコードの送信先トピックを指定します。</translation>
    </message>
    <message>
        <source>host1:9092,host2:9092</source>
        <translation>host1:9092,host2:9092</translation>
    </message>
    <message>
        <source>Use Flowdeck&apos;s &amp;embedded broker (in memory, for trying flows)</source>
        <translation>Flowdeck の組み込みブローカーを使用 (メモリ内、フローの試用向け)(&amp;E)</translation>
    </message>
    <message>
        <source>None (plaintext)</source>
        <translation>なし (平文)</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>接続をテスト(&amp;T)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>&amp;Brokers:</source>
        <translation>ブローカー(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation>セキュリティ(&amp;S)</translation>
    </message>
    <message>
        <source>SAS&amp;L:</source>
        <translation>SASL(&amp;L)</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>トピック</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>パーティション</translation>
    </message>
    <message>
        <source>JSON: the row as one object</source>
        <translation>JSON: 行を 1 つのオブジェクトとして</translation>
    </message>
    <message>
        <source>canal-json (as TiCDC writes it)</source>
        <translation>canal-json (TiCDC と同じ形式)</translation>
    </message>
    <message>
        <source>Debezium JSON</source>
        <translation>Debezium JSON</translation>
    </message>
    <message>
        <source>a topic, topics separated by commas, or ^regex</source>
        <translation>トピック、カンマ区切りの複数のトピック、または ^正規表現</translation>
    </message>
    <message>
        <source>e.g. tidb_{schema}_{table}</source>
        <translation>例: tidb_{schema}_{table}</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>トピック</translation>
    </message>
    <message>
        <source>Topic and partitions</source>
        <translation>トピックとパーティション</translation>
    </message>
    <message>
        <source>T&amp;opic:</source>
        <translation>トピック(&amp;O)</translation>
    </message>
    <message>
        <source>T&amp;opic template:</source>
        <translation>トピックテンプレート(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>プロトコル(&amp;P)</translation>
    </message>
    <message>
        <source>Committed offsets (default)</source>
        <translation>コミット済みオフセット (デフォルト)</translation>
    </message>
    <message>
        <source>Earliest</source>
        <translation>最も古い位置</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新の位置</translation>
    </message>
    <message>
        <source>Consumer &amp;group:</source>
        <translation>コンシューマーグループ(&amp;G)</translation>
    </message>
    <message>
        <source>Start &amp;from:</source>
        <translation>開始位置(&amp;F)</translation>
    </message>
    <message>
        <source>table: by table</source>
        <translation>table: テーブルごと</translation>
    </message>
    <message>
        <source>ts: by commit time</source>
        <translation>ts: コミット時刻で</translation>
    </message>
    <message>
        <source>columns: by the columns below</source>
        <translation>columns: 以下の列で</translation>
    </message>
    <message>
        <source>a,b</source>
        <translation>a,b</translation>
    </message>
    <message>
        <source>&amp;Create missing topics with</source>
        <translation>存在しないトピックを作成(&amp;C)</translation>
    </message>
    <message>
        <source> partitions</source>
        <translation> パーティション</translation>
    </message>
    <message>
        <source>replication factor </source>
        <translation>レプリケーション係数 </translation>
    </message>
    <message>
        <source>P&amp;artition by:</source>
        <translation>パーティション分割の基準(&amp;A)</translation>
    </message>
    <message>
        <source>user</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>unchanged (%1)</source>
        <translation>変更なし (%1)</translation>
    </message>
    <message>
        <source>Give the brokers, or use the embedded broker.</source>
        <translation>ブローカーを指定するか、組み込みブローカーを使用してください。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>The SASL password is kept in the system keychain as %1, never in the flow file.</source>
        <translation>SASL パスワードはシステムのキーチェーンに %1 として保存され、フローファイルには保存されません。</translation>
    </message>
    <message>
        <source>No keychain is available (%1): the SASL password is not saved. The flow refers to it as ${%2}; set that environment variable before running the flow.</source>
        <translation>キーチェーンを使用できません (%1)。SASL パスワードは保存されません。フローはこれを ${%2} として参照するため、フローを実行する前にこの環境変数を設定してください。</translation>
    </message>
    <message>
        <source>A destination writes to one topic (a template may use {schema} and {table}).</source>
        <translation>送信先は 1 つのトピックに書き込みます (テンプレートでは {schema} と {table} を使用できます)。</translation>
    </message>
    <message>
        <source>Name the columns to partition by.</source>
        <translation>パーティション分割に使う列を指定してください。</translation>
    </message>
    <message>
        <source>Default (TiCDC&apos;s default: by table)</source>
        <translation>デフォルト (TiCDC の既定: テーブルごと)</translation>
    </message>
    <message>
        <source>index-value: by primary key</source>
        <translation>index-value: 主キーで</translation>
    </message>
    <message>
        <source>key: by message key (Kafka&apos;s Java default)</source>
        <translation>key: メッセージキーで (Kafka Java クライアントの既定)</translation>
    </message>
</context>
<context>
    <name>flowdeck::MainWindow</name>
    <message>
        <source>read %1, written %2, filtered %3, dead-lettered %4</source>
        <translation>読み取り %1、書き込み %2、フィルター除外 %3、デッドレター %4</translation>
    </message>
    <message>
        <source>, failed %1</source>
        <translation>、失敗 %1</translation>
    </message>
    <message>
        <source>Flowdeck</source>
        <translation>Flowdeck</translation>
    </message>
    <message>
        <source>Select a flow to see its file and its last run.</source>
        <translation>フローを選択すると、そのファイルと前回の実行結果が表示されます。</translation>
    </message>
    <message>
        <source>Flows in %1</source>
        <translation>%1 内のフロー</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import Flow File…</source>
        <translation>フローファイルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Reload Flows</source>
        <translation>フローを再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>Show Flow &amp;Folder</source>
        <translation>フローフォルダーを表示(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>F&amp;low</source>
        <translation>フロー(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Run Flow</source>
        <translation>フロー実行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop the Current Flow Run</source>
        <translation>現在のフロー実行を停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Flowdeck</source>
        <translation>Flowdeck について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>フロー</translation>
    </message>
    <message>
        <source>Run Flow</source>
        <translation>フロー実行</translation>
    </message>
    <message>
        <source>This flow file has problems:
%1

</source>
        <translation>このフローファイルには問題があります:
%1

</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>%1 に開始</translation>
    </message>
    <message>
        <source>Last run: %1 in %2 s — %3</source>
        <translation>前回の実行: %1 (%2 秒) — %3</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>エラー: %1</translation>
    </message>
    <message>
        <source>Dead letters: %1</source>
        <translation>デッドレター: %1</translation>
    </message>
    <message>
        <source>Import Flow File</source>
        <translation>フローファイルのインポート</translation>
    </message>
    <message>
        <source>Flow files (*.flow.json);;JSON files (*.json)</source>
        <translation>フローファイル (*.flow.json);;JSON ファイル (*.json)</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>%1 は既に存在します。置き換えますか?</translation>
    </message>
    <message>
        <source>%1 is not a valid flow file:

%2</source>
        <translation>%1 は有効なフローファイルではありません:

%2</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Flowdeck.</source>
        <translation>新しい言語は Flowdeck の次回起動時から使用されます。</translation>
    </message>
    <message>
        <source>About Flowdeck</source>
        <translation>Flowdeck について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Flowdeck %1&lt;/h3&gt;&lt;p&gt;Build and run data flows between MySQL/MariaDB/TiDB tables, Kafka topics and CSV/JSON Lines files, on your own machine.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Flowdeck %1&lt;/h3&gt;&lt;p&gt;MySQL/MariaDB/TiDB のテーブル、Kafka のトピック、CSV/JSON Lines ファイルの間でデータを移すフローを、お使いのマシン上で作成して実行します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;New Flow…</source>
        <translation>新しいフロー(&amp;N)…</translation>
    </message>
    <message>
        <source>New Flow</source>
        <translation>新しいフロー</translation>
    </message>
    <message>
        <source>&amp;Edit Flow…</source>
        <translation>フローを編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>D&amp;uplicate Flow</source>
        <translation>フローを複製(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete Flow…</source>
        <translation>フローを削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>E&amp;xport Flow File…</source>
        <translation>フローファイルをエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Monitor…</source>
        <translation>モニタリング(&amp;M)…</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>モニタリング</translation>
    </message>
    <message>
        <source>Edit Flow</source>
        <translation>フローを編集</translation>
    </message>
    <message>
        <source>Cannot edit %1: %2</source>
        <translation>%1 を編集できません: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Delete Flow</source>
        <translation>フローの削除</translation>
    </message>
    <message>
        <source>Delete the flow &quot;%1&quot;?

Its file %2 is removed. Its run history stays.</source>
        <translation>フロー「%1」を削除しますか?

ファイル %2 は削除されます。実行履歴は残ります。</translation>
    </message>
    <message>
        <source>Cannot delete %1.</source>
        <translation>%1 を削除できません。</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 を削除しました</translation>
    </message>
    <message>
        <source>Duplicate Flow</source>
        <translation>フローの複製</translation>
    </message>
    <message>
        <source>Export Flow File</source>
        <translation>フローファイルのエクスポート</translation>
    </message>
    <message>
        <source>Flow files (*.flow.json)</source>
        <translation>フローファイル (*.flow.json)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 に書き込めません。</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>%1 にエクスポートしました</translation>
    </message>
    <message>
        <source>&amp;Topic Browser</source>
        <translation>トピックブラウザー(&amp;T)</translation>
    </message>
    <message>
        <source>Run &amp;Now</source>
        <translation>今すぐ実行(&amp;N)</translation>
    </message>
    <message>
        <source>Run Now</source>
        <translation>今すぐ実行</translation>
    </message>
    <message>
        <source>&amp;Pause Schedule</source>
        <translation>スケジュールを一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Pause Schedule</source>
        <translation>スケジュールを一時停止</translation>
    </message>
    <message>
        <source>Res&amp;ume Schedule</source>
        <translation>スケジュールを再開(&amp;U)</translation>
    </message>
    <message>
        <source>Resume Schedule</source>
        <translation>スケジュールを再開</translation>
    </message>
    <message>
        <source>Re&amp;activate Schedule</source>
        <translation>スケジュールを再有効化(&amp;A)</translation>
    </message>
    <message>
        <source>Reactivate Schedule</source>
        <translation>スケジュールを再有効化</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>再有効化</translation>
    </message>
    <message>
        <source>Not scheduled: %1</source>
        <translation>スケジュールされていません: %1</translation>
    </message>
    <message>
        <source>Quit Flowdeck</source>
        <translation>Flowdeck の終了</translation>
    </message>
    <message>
        <source>The sandbox database is still running. Stop it too?

Its data stays; Start in the status bar (or `flowdeck sandbox start`) runs it again.</source>
        <translation>サンドボックスデータベースはまだ実行中です。一緒に停止しますか?

データは残ります。ステータスバーの「開始」（または `flowdeck sandbox start`）で再び起動できます。</translation>
    </message>
    <message>
        <source>Run from the &amp;Beginning…</source>
        <translation>最初から実行(&amp;B)…</translation>
    </message>
    <message>
        <source>Run from the Beginning</source>
        <translation>最初から実行</translation>
    </message>
    <message>
        <source>Run &quot;%1&quot; from the beginning of its source, ignoring where the last run stopped?

Rows the last run wrote are written again.</source>
        <translation>前回の実行が停止した位置を無視して、「%1」をソースの最初から実行しますか?

前回の実行で書き込まれた行はもう一度書き込まれます。</translation>
    </message>
    <message>
        <source>Stop</source>
        <comment>toolbar: stop the current flow run</comment>
        <translation>停止</translation>
    </message>
    <message>
        <source>Import</source>
        <comment>toolbar: import a flow file</comment>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Reload</source>
        <comment>toolbar: reload the flows folder</comment>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>started %1, resuming at %2</source>
        <translation>%1 に開始、%2 から再開</translation>
    </message>
    <message>
        <source>Resumed at %1, where the previous run stopped (Run from the Beginning starts over).</source>
        <translation>前回の実行が停止した %1 から再開しました（「最初から実行」でやり直せます）。</translation>
    </message>
    <message>
        <source>%1: not run at its scheduled time, the sandbox database is not running (Start it in the status bar)</source>
        <translation>%1: サンドボックスデータベースが停止中のため、スケジュールの時刻に実行しませんでした（ステータスバーで開始できます）</translation>
    </message>
    <message>
        <source>The embedded broker stops with Flowdeck: its topics and messages are lost.</source>
        <translation>組み込みブローカーは Flowdeck とともに停止し、そのトピックとメッセージは失われます。</translation>
    </message>
    <message>
        <source>Stopping the sandbox database this window started…</source>
        <translation>このウィンドウが起動したサンドボックスデータベースを停止しています…</translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingCsv</name>
    <message>
        <source>unbalanced quote at column %1</source>
        <translation>%1 桁目の引用符が閉じていません</translation>
    </message>
    <message>
        <source>unexpected text after a closing quote at column %1</source>
        <translation>%1 桁目の閉じ引用符の後に予期しないテキストがあります</translation>
    </message>
    <message>
        <source>expected 2 fields (source,destination), found %1</source>
        <translation>2 つのフィールド (source,destination) が必要ですが、%1 個あります</translation>
    </message>
    <message>
        <source>the source field is empty</source>
        <translation>ソースフィールドが空です</translation>
    </message>
    <message>
        <source>the destination is empty</source>
        <translation>送信先が空です</translation>
    </message>
    <message>
        <source>the source has no field &apos;%1&apos;</source>
        <translation>ソースにフィールド &apos;%1&apos; がありません</translation>
    </message>
    <message>
        <source>the destination has no column &apos;%1&apos;</source>
        <translation>送信先に列 &apos;%1&apos; がありません</translation>
    </message>
    <message>
        <source>the column &apos;%1&apos; is already mapped on line %2</source>
        <translation>列 &apos;%1&apos; は既に %2 行目でマッピングされています</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>%1 行目: %2</translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingEditor</name>
    <message>
        <source>&apos;%1&apos; matches the source fields %2: map it with Map fields.</source>
        <translation>&apos;%1&apos; はソースフィールド %2 に一致します。[フィールドをマッピング] でマッピングしてください。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; matches the columns %2: map it with Map fields.</source>
        <translation>&apos;%1&apos; は列 %2 に一致します。[フィールドをマッピング] でマッピングしてください。</translation>
    </message>
    <message>
        <source>Source field</source>
        <translation>ソースフィールド</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Destination column</source>
        <translation>送信先の列</translation>
    </message>
    <message>
        <source>Mapped from</source>
        <translation>マッピング元</translation>
    </message>
    <message>
        <source>The destination takes any column names. Map fields and Map all by name create a column named after each source field; double-click a destination in the table below to rename it.</source>
        <translation>送信先では任意の列名を使用できます。[フィールドをマッピング] と [名前ですべてマッピング] は、各ソースフィールドと同じ名前の列を作成します。名前を変更するには、下の表で送信先をダブルクリックします。</translation>
    </message>
    <message>
        <source>&amp;Map fields →</source>
        <translation>フィールドをマッピング →(&amp;M)</translation>
    </message>
    <message>
        <source>Map the selected source field to the selected destination column</source>
        <translation>選択したソースフィールドを選択した送信先の列にマッピングします</translation>
    </message>
    <message>
        <source>Map &amp;all by name</source>
        <translation>名前ですべてマッピング(&amp;A)</translation>
    </message>
    <message>
        <source>Map every field whose name matches a column, ignoring case, spaces and underscores</source>
        <translation>大文字と小文字、スペース、アンダースコアを無視して、名前が列と一致するすべてのフィールドをマッピングします</translation>
    </message>
    <message>
        <source>&amp;Transform…</source>
        <translation>変換(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Validation…</source>
        <translation>検証(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import mapping from CSV…</source>
        <translation>CSV からマッピングをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>A text file with one source,destination pair per line</source>
        <translation>1 行に 1 つの source,destination の組を記述したテキストファイル</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>Select a row of the mapping first.</source>
        <translation>先にマッピングの行を選択してください。</translation>
    </message>
    <message>
        <source>Mapped &apos;%1&apos; to &apos;%2&apos;.</source>
        <translation>&apos;%1&apos; を &apos;%2&apos; にマッピングしました。</translation>
    </message>
    <message>
        <source>Fields mapped: %1.</source>
        <translation>マッピングしたフィールド: %1。</translation>
    </message>
    <message>
        <source>%1, required</source>
        <translation>%1、必須</translation>
    </message>
    <message>
        <source>Map at least one field.</source>
        <translation>少なくとも 1 つのフィールドをマッピングしてください。</translation>
    </message>
    <message>
        <source>Required columns not mapped: %1. They are NOT NULL without a default.</source>
        <translation>必須の列がマッピングされていません: %1。これらはデフォルト値のない NOT NULL 列です。</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>行 %1: %2</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>… ほか %1 件。</translation>
    </message>
    <message>
        <source>The destination has no column &apos;%1&apos;.</source>
        <translation>送信先に列 &apos;%1&apos; がありません。</translation>
    </message>
    <message>
        <source>Select one or more source fields on the left.</source>
        <translation>左側で 1 つ以上のソースフィールドを選択してください。</translation>
    </message>
    <message>
        <source>Already mapped: %1</source>
        <translation>既にマッピング済み: %1</translation>
    </message>
    <message>
        <source>Select one source field on the left and one destination column on the right, then click Map fields.</source>
        <translation>左側でソースフィールドを 1 つ、右側で送信先の列を 1 つ選択してから、[フィールドをマッピング] をクリックしてください。</translation>
    </message>
    <message>
        <source>Fields mapped by name: %1.</source>
        <translation>名前でマッピングしたフィールド: %1。</translation>
    </message>
    <message>
        <source>Mappings imported from CSV: %1.</source>
        <translation>CSV からインポートしたマッピング: %1。</translation>
    </message>
    <message>
        <source>Import mapping from CSV</source>
        <translation>CSV からマッピングをインポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV ファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>Validation of %1</source>
        <translation>%1 の検証</translation>
    </message>
    <message>
        <source>Transform of %1</source>
        <translation>%1 の変換</translation>
    </message>
    <message>
        <source>Required: NOT NULL without a default. Map a field to it.</source>
        <translation>必須: デフォルト値のない NOT NULL 列です。フィールドをマッピングしてください。</translation>
    </message>
    <message>
        <source>Required columns not mapped: %1</source>
        <translation>必須の列がマッピングされていません: %1</translation>
    </message>
    <message>
        <source>No sample rows to preview.</source>
        <translation>プレビューするサンプル行がありません。</translation>
    </message>
    <message>
        <source>The first %1 rows of the source as the run writes them: %2 written, %3 filtered out, %4 rejected.</source>
        <translation>実行時と同じように書き込んだソースの最初の %1 行: 書き込み %2、フィルター除外 %3、拒否 %4。</translation>
    </message>
    <message numerus="yes">
        <source>%n source line(s) cannot be read (see the source page).</source>
        <translation>
            <numerusform>ソースの %n 行を読み取れません（ソースのページを参照）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingPage</name>
    <message>
        <source>Field mapping</source>
        <translation>フィールドマッピング</translation>
    </message>
    <message>
        <source>Pick a source field on the left and a destination column on the right, then click Map fields; or map all fields by name. Check the preview of what the run writes.</source>
        <translation>左でソースフィールド、右で送信先の列を選んで「フィールドをマッピング」をクリックするか、すべてのフィールドを名前でマッピングします。実行で書き込まれる内容をプレビューで確認してください。</translation>
    </message>
    <message>
        <source>Map all fields &amp;directly (each field to the column of the same name)</source>
        <translation>すべてのフィールドを直接マッピング (各フィールドを同名の列へ)(&amp;D)</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>行 %1: %2</translation>
    </message>
    <message>
        <source>Some mappings do not fit the source or destination now; map them again or remove them:
%1</source>
        <translation>現在のソースまたは送信先に合わないマッピングがあります。マッピングし直すか削除してください:
%1</translation>
    </message>
    <message>
        <source>Mapping all fields directly leaves these required columns (NOT NULL without a default) empty: %1. Map fields to them instead.</source>
        <translation>すべてのフィールドを直接マッピングすると、次の必須列 (デフォルトなしの NOT NULL) が空になります: %1。これらの列にはフィールドをマッピングしてください。</translation>
    </message>
    <message>
        <source>Map at least one field, or check &quot;Map all fields directly&quot;.</source>
        <translation>少なくとも 1 つのフィールドをマッピングするか、「すべてのフィールドを直接マッピング」をオンにしてください。</translation>
    </message>
    <message>
        <source>Create the &amp;Table…</source>
        <translation>テーブルを作成(&amp;T)…</translation>
    </message>
    <message>
        <source>The destination table does not exist: see and run the CREATE TABLE statement made from this mapping and the preview</source>
        <translation>送信先テーブルがありません: このマッピングとプレビューから作った CREATE TABLE 文を確認して実行します</translation>
    </message>
    <message>
        <source>Created the table %1.</source>
        <translation>テーブル %1 を作成しました。</translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingPreviewModel</name>
    <message>
        <source>Filters not applied: %1</source>
        <translation>フィルターは適用されていません: %1</translation>
    </message>
    <message>
        <source>written</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <source>filtered out</source>
        <translation>フィルター除外</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>column %1 is NOT NULL without a default: map a field to it</source>
        <translation>列 %1 は NOT NULL でデフォルト値がありません: フィールドをマッピングしてください</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <comment>preview: the database stores the column&apos;s DEFAULT</comment>
        <translation>%1 (デフォルト)</translation>
    </message>
    <message>
        <source>The database stores %1, evaluated when the row is written.</source>
        <translation>データベースは行を書き込む時点で評価した %1 を保存します。</translation>
    </message>
    <message>
        <source>The database stores the column&apos;s default, %1.</source>
        <translation>データベースは列のデフォルト値 %1 を保存します。</translation>
    </message>
    <message>
        <source>Not mapped: the database fills this column in</source>
        <translation>マッピングなし: この列はデータベースが埋めます</translation>
    </message>
    <message>
        <source>%1 (not mapped)</source>
        <translation>%1 (マッピングなし)</translation>
    </message>
</context>
<context>
    <name>flowdeck::MonitorWindow</name>
    <message>
        <source>Not running</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>開始中</translation>
    </message>
    <message>
        <source>Reading the snapshot</source>
        <translation>スナップショットを読み取り中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Streaming changes</source>
        <translation>変更をストリーミング中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止済み</translation>
    </message>
    <message>
        <source>Monitor — %1</source>
        <translation>モニタリング — %1</translation>
    </message>
    <message>
        <source>Messages/s per topic</source>
        <translation>トピックごとのメッセージ数/秒</translation>
    </message>
    <message>
        <source>Rows/s per destination table</source>
        <translation>送信先テーブルごとの行数/秒</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>行/秒</translation>
    </message>
    <message>
        <source>Destinations (rows in destination: counted on the server every 2 s)</source>
        <translation>送信先 (送信先の行数: 2 秒ごとにサーバー上でカウント)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Stops after the batch being written; Start resumes from the checkpoint.</source>
        <translation>書き込み中のバッチの後で停止します。[開始] でチェックポイントから再開します。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Snapshot %p%</source>
        <translation>スナップショット %p%</translation>
    </message>
    <message>
        <source>Rows/s per table</source>
        <translation>テーブルごとの行数/秒</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>メッセージ/秒</translation>
    </message>
    <message>
        <source>Source lag</source>
        <translation>ソースのラグ</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Source tables</source>
        <translation>ソーステーブル</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>送信先</translation>
    </message>
    <message>
        <source>Select an error to see the record.</source>
        <translation>エラーを選択するとレコードが表示されます。</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>実行履歴</translation>
    </message>
    <message>
        <source>seconds behind</source>
        <translation>ラグ (秒)</translation>
    </message>
    <message>
        <source>messages behind</source>
        <translation>ラグ (メッセージ数)</translation>
    </message>
    <message>
        <source>Errors (%1)</source>
        <translation>エラー (%1)</translation>
    </message>
    <message>
        <source>Lag: %1 s</source>
        <translation>ラグ: %1 秒</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) behind</source>
        <translation>
            <numerusform>%n 件のメッセージの遅れ</numerusform>
        </translation>
    </message>
    <message>
        <source>Lag: after the snapshot</source>
        <translation>ラグ: スナップショットの後</translation>
    </message>
    <message>
        <source>Lag: unknown</source>
        <translation>ラグ: 不明</translation>
    </message>
    <message>
        <source>Snapshot done</source>
        <translation>スナップショット完了</translation>
    </message>
    <message>
        <source>ETA %1 s</source>
        <translation>残り約 %1 秒</translation>
    </message>
    <message>
        <source>ETA unknown</source>
        <translation>残り時間不明</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Stalled: the source has data but nothing was written for %1 s. The destination may be locked, unreachable or refusing batches; see the Errors tab.</source>
        <translation>停滞: ソースにデータがありますが、%1 秒間何も書き込まれていません。送信先がロックされているか、到達できないか、バッチを拒否している可能性があります。[エラー] タブを確認してください。</translation>
    </message>
    <message>
        <source>Read %1 = written %2 + filtered %3 + dead-lettered %4</source>
        <translation>読み取り %1 = 書き込み %2 + フィルター除外 %3 + デッドレター %4</translation>
    </message>
    <message>
        <source> + failed %1</source>
        <translation> + 失敗 %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Position: %1
Stage: %2
Reason: %3

%4</source>
        <translation>位置: %1
ステージ: %2
理由: %3

%4</translation>
    </message>
    <message>
        <source>The flow file has problems: %1</source>
        <translation>フローファイルに問題があります: %1</translation>
    </message>
</context>
<context>
    <name>flowdeck::MySqlConnectionForm</name>
    <message>
        <source>1 to 65535, or an environment reference such as ${DB_PORT:-4000}</source>
        <translation>1 ～ 65535、または ${DB_PORT:-4000} のような環境変数の参照</translation>
    </message>
    <message>
        <source>Preferred (when the server offers it)</source>
        <translation>優先 (サーバーが対応している場合)</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>Required (certificate not checked)</source>
        <translation>必須 (証明書を検証しない)</translation>
    </message>
    <message>
        <source>Verify (certificate and host name checked)</source>
        <translation>検証 (証明書とホスト名を検証)</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>接続をテスト(&amp;T)</translation>
    </message>
    <message>
        <source>Use the &amp;Sandbox Database</source>
        <translation>サンドボックスデータベースを使用(&amp;S)</translation>
    </message>
    <message>
        <source>A private MariaDB server in your data folder, started on demand (flowdeck sandbox start).</source>
        <translation>データフォルダー内の専用 MariaDB サーバー。必要に応じて起動されます (flowdeck sandbox start)。</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>ポート(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>ホスト(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>データベース(&amp;D)</translation>
    </message>
    <message>
        <source>T&amp;LS:</source>
        <translation>TLS(&amp;L)</translation>
    </message>
    <message>
        <source>unchanged (%1)</source>
        <translation>変更なし (%1)</translation>
    </message>
    <message>
        <source>The password is kept in the system keychain as %1, never in the flow file.</source>
        <translation>パスワードはシステムのキーチェーンに %1 として保存され、フローファイルには保存されません。</translation>
    </message>
    <message>
        <source>No keychain is available (%1): the password is not saved. The flow refers to it as ${%2}; set that environment variable before running the flow.</source>
        <translation>キーチェーンを使用できません (%1)。パスワードは保存されません。フローはこれを ${%2} として参照するため、フローを実行する前にこの環境変数を設定してください。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>Starting the sandbox database (the first start takes a few seconds)…</source>
        <translation>サンドボックスデータベースを起動しています (初回の起動には数秒かかります)…</translation>
    </message>
</context>
<context>
    <name>flowdeck::MySqlPage</name>
    <message>
        <source>Source: MySQL, MariaDB or TiDB</source>
        <translation>ソース: MySQL、MariaDB、TiDB</translation>
    </message>
    <message>
        <source>Destination: MySQL, MariaDB or TiDB</source>
        <translation>送信先: MySQL、MariaDB、TiDB</translation>
    </message>
    <message>
        <source>Connect, then pick the table to read.</source>
        <translation>接続して、読み取るテーブルを選択します。</translation>
    </message>
    <message>
        <source>Connect, then pick the table to write and how to write it.</source>
        <translation>接続して、書き込むテーブルと書き込み方法を選択します。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Rows (estimate)</source>
        <translation>行数 (推定)</translation>
    </message>
    <message>
        <source>a table, or patterns such as tpcc.* (comma-separated)</source>
        <translation>テーブル、または tpcc.* のようなパターン (カンマ区切り)</translation>
    </message>
    <message>
        <source>a table, or a template such as {schema}_{table}</source>
        <translation>テーブル、または {schema}_{table} のようなテンプレート</translation>
    </message>
    <message>
        <source>T&amp;able:</source>
        <translation>テーブル(&amp;A)</translation>
    </message>
    <message>
        <source>Snapshot: the current rows, once</source>
        <translation>スナップショット: 現在の行を 1 回読み取る</translation>
    </message>
    <message>
        <source>CDC: the changes from the binary log, from now on</source>
        <translation>CDC: 今後の変更をバイナリログから読み取る</translation>
    </message>
    <message>
        <source>Snapshot, then the changes since (CDC)</source>
        <translation>スナップショットの後、それ以降の変更 (CDC)</translation>
    </message>
    <message>
        <source>&amp;Read:</source>
        <translation>読み取り(&amp;R)</translation>
    </message>
    <message>
        <source>Insert: add rows; a key conflict rejects the record</source>
        <translation>挿入 (Insert): 行を追加。キーが競合するとレコードを拒否</translation>
    </message>
    <message>
        <source>Update: change rows found by key, never insert</source>
        <translation>更新 (Update): キーで見つかった行を変更。挿入はしない</translation>
    </message>
    <message>
        <source>Upsert: insert, or update by key</source>
        <translation>アップサート (Upsert): 挿入、またはキーで更新</translation>
    </message>
    <message>
        <source>Replicate: apply change events (deletes too)</source>
        <translation>レプリケート (Replicate): 変更イベントを適用 (削除も含む)</translation>
    </message>
    <message>
        <source>the table&apos;s primary key</source>
        <translation>テーブルの主キー</translation>
    </message>
    <message>
        <source>&amp;Create the table when it does not exist</source>
        <translation>テーブルが存在しない場合は作成(&amp;C)</translation>
    </message>
    <message>
        <source>A&amp;dd columns the table lacks</source>
        <translation>テーブルにない列を追加(&amp;D)</translation>
    </message>
    <message>
        <source>optional: only a newer version overwrites a row</source>
        <translation>省略可: 新しいバージョンだけが行を上書きします</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>モード(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Key columns:</source>
        <translation>キー列(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Version column:</source>
        <translation>バージョン列(&amp;V)</translation>
    </message>
    <message>
        <source>Rows per &amp;batch:</source>
        <translation>バッチあたりの行数(&amp;B)</translation>
    </message>
    <message>
        <source>Table patterns: the fields are known when the flow runs.</source>
        <translation>テーブルパターン: フィールドはフローの実行時に決まります。</translation>
    </message>
    <message>
        <source>A table template: each source table gets its own table.</source>
        <translation>テーブルテンプレート: ソーステーブルごとに個別のテーブルが作成されます。</translation>
    </message>
    <message>
        <source>Reading the table&apos;s columns…</source>
        <translation>テーブルの列を読み取っています…</translation>
    </message>
    <message>
        <source>Required columns: %1.</source>
        <translation>必須の列: %1。</translation>
    </message>
    <message>
        <source>The table does not exist yet: Flowdeck creates it from the first batch.</source>
        <translation>テーブルはまだ存在しません。Flowdeck が最初のバッチから作成します。</translation>
    </message>
    <message>
        <source>Pick an existing table, or tick &quot;Create the table&quot;.</source>
        <translation>既存のテーブルを選択するか、[テーブルが存在しない場合は作成] をオンにしてください。</translation>
    </message>
    <message>
        <source>Update never inserts rows: creating the table makes no sense with it.</source>
        <translation>更新モードでは行を挿入しないため、テーブルを作成しても意味がありません。</translation>
    </message>
    <message>
        <source>Refres&amp;h Tables</source>
        <translation>テーブルを再読み込み(&amp;H)</translation>
    </message>
</context>
<context>
    <name>flowdeck::NameCountModel</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>flowdeck::RateChart</name>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
</context>
<context>
    <name>flowdeck::ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Check the flow. It is saved as the flow file below, which `flowdeck run` runs too.</source>
        <translation>フローを確認してください。フローは以下のフローファイルとして保存され、`flowdeck run` でも実行できます。</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>ファイル %1</translation>
    </message>
    <message>
        <source>format %1</source>
        <translation>形式 %1</translation>
    </message>
    <message>
        <source>MySQL %1:%2 as %3, database %4</source>
        <translation>MySQL %1:%2 (ユーザー %3、データベース %4)</translation>
    </message>
    <message>
        <source>password from %1</source>
        <translation>パスワードは %1 から取得</translation>
    </message>
    <message>
        <source>table %1</source>
        <translation>テーブル %1</translation>
    </message>
    <message>
        <source>read: %1</source>
        <translation>読み取り: %1</translation>
    </message>
    <message>
        <source>write mode: %1</source>
        <translation>書き込みモード: %1</translation>
    </message>
    <message>
        <source>key: %1</source>
        <translation>キー: %1</translation>
    </message>
    <message>
        <source>creates the table when missing</source>
        <translation>テーブルがない場合は作成</translation>
    </message>
    <message>
        <source>adds missing columns</source>
        <translation>不足している列を追加</translation>
    </message>
    <message>
        <source>version column: %1</source>
        <translation>バージョン列: %1</translation>
    </message>
    <message>
        <source>Kafka %1</source>
        <translation>Kafka %1</translation>
    </message>
    <message>
        <source>topic %1</source>
        <translation>トピック %1</translation>
    </message>
    <message>
        <source>protocol %1</source>
        <translation>プロトコル %1</translation>
    </message>
    <message>
        <source>partition by %1</source>
        <translation>パーティション分割の基準 %1</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>送信先</translation>
    </message>
    <message>
        <source>every field to the column of the same name</source>
        <translation>各フィールドを同じ名前の列へ</translation>
    </message>
    <message>
        <source>(transform)</source>
        <translation>(変換)</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>マッピング</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>none: every record is kept</source>
        <translation>なし: すべてのレコードを残します</translation>
    </message>
    <message>
        <source>Run on demand</source>
        <translation>オンデマンドで実行</translation>
    </message>
    <message>
        <source>Run continuously</source>
        <translation>継続的に実行</translation>
    </message>
    <message>
        <source>Run on a schedule</source>
        <translation>スケジュールに従って実行</translation>
    </message>
    <message>
        <source>, every %1</source>
        <translation>、%1 ごと</translation>
    </message>
    <message>
        <source>, daily at %1</source>
        <translation>、毎日 %1</translation>
    </message>
    <message>
        <source>, incremental on %1</source>
        <translation>、%1 で増分転送</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>トリガー</translation>
    </message>
    <message>
        <source>Error handling</source>
        <translation>エラー処理</translation>
    </message>
    <message>
        <source>Skip bad records to %1</source>
        <translation>不正なレコードを %1 に退避してスキップ</translation>
    </message>
    <message>
        <source>Stop the current flow run</source>
        <translation>現在のフロー実行を停止</translation>
    </message>
    <message>
        <source>Go back and fix:
%1</source>
        <translation>前に戻って修正してください:
%1</translation>
    </message>
    <message>
        <source>The flow is valid, but this version of Flowdeck cannot write to file destinations yet.</source>
        <translation>フローは有効ですが、このバージョンの Flowdeck はまだファイルの送信先に書き込めません。</translation>
    </message>
    <message>
        <source>insert (add rows)</source>
        <translation>insert（行を追加）</translation>
    </message>
    <message>
        <source>update (change rows found by key)</source>
        <translation>update（キーで見つけた行を変更）</translation>
    </message>
    <message>
        <source>upsert (insert, or update by key)</source>
        <translation>upsert（追加、またはキーで更新）</translation>
    </message>
    <message>
        <source>replicate (apply change events)</source>
        <translation>replicate（変更イベントを適用）</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 と %2 の間</translation>
    </message>
</context>
<context>
    <name>flowdeck::RunHistoryModel</name>
    <message>
        <source>Completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止済み</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>フィルター除外</translation>
    </message>
    <message>
        <source>Dead-lettered</source>
        <translation>デッドレター</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
</context>
<context>
    <name>flowdeck::RunHistoryView</name>
    <message>
        <source>Select a run to see its details.</source>
        <translation>実行を選択すると詳細が表示されます。</translation>
    </message>
    <message>
        <source>No run recorded yet.</source>
        <translation>まだ実行の記録はありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), newest first.</source>
        <translation>
            <numerusform>%n 件の実行 (新しい順)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1: %2 (%3)</source>
        <translation>実行 %1: %2（%3）</translation>
    </message>
    <message>
        <source>Started %1, ended %2, %3 s</source>
        <translation>開始 %1、終了 %2、%3 秒</translation>
    </message>
    <message>
        <source>Read %1 = written %2 + filtered %3 + dead-lettered %4</source>
        <translation>読み取り %1 = 書き込み %2 + フィルター除外 %3 + デッドレター %4</translation>
    </message>
    <message>
        <source> + failed %1</source>
        <translation> + 失敗 %1</translation>
    </message>
    <message>
        <source>Resumed where the previous run stopped.</source>
        <translation>前回の実行が停止した位置から再開しました。</translation>
    </message>
    <message>
        <source>Error at %1: %2</source>
        <translation>%1 でエラー: %2</translation>
    </message>
    <message>
        <source>Dead letters: %1</source>
        <translation>デッドレター: %1</translation>
    </message>
    <message>
        <source>Read from %1: %2</source>
        <translation>%1 から読み取り: %2</translation>
    </message>
    <message>
        <source>Written to %1: %2</source>
        <translation>%1 へ書き込み: %2</translation>
    </message>
    <message>
        <source>Watermark: %1 → %2</source>
        <translation>ウォーターマーク: %1 → %2</translation>
    </message>
    <message>
        <source>The schedule is deactivated after %1 failed runs in a row.</source>
        <translation>%1 回続けて失敗したため、スケジュールは無効になっています。</translation>
    </message>
</context>
<context>
    <name>flowdeck::SandboxStatus</name>
    <message>
        <source>The local MariaDB of `flowdeck sandbox`: its data stays in %1</source>
        <translation>`flowdeck sandbox` のローカル MariaDB: データは %1 に保存されます</translation>
    </message>
    <message>
        <source>Sandbox database: running on %1:%2</source>
        <translation>サンドボックスデータベース: %1:%2 で実行中</translation>
    </message>
    <message>
        <source>Sandbox database: not running</source>
        <translation>サンドボックスデータベース: 停止中</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Sandbox database: starting…</source>
        <translation>サンドボックスデータベース: 起動しています…</translation>
    </message>
    <message>
        <source>Sandbox database: stopping…</source>
        <translation>サンドボックスデータベース: 停止しています…</translation>
    </message>
    <message>
        <source>Sandbox database: %1</source>
        <translation>サンドボックスデータベース: %1</translation>
    </message>
</context>
<context>
    <name>flowdeck::SchedulerDriver</name>
    <message>
        <source>deactivated</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>now</source>
        <translation>今すぐ</translation>
    </message>
    <message>
        <source>Schedule: %1.</source>
        <translation>スケジュール: %1。</translation>
    </message>
    <message>
        <source>Next run: %1.</source>
        <translation>次回の実行: %1。</translation>
    </message>
    <message>
        <source>Deactivated on %1 after %2 failed runs in a row (last error: %3). Fix the cause, then reactivate it (Flow → Reactivate Schedule).</source>
        <translation>%1 に %2 回連続で実行に失敗したため無効化されました (最後のエラー: %3)。原因を解決してから再有効化してください (フロー → スケジュールを再有効化)。</translation>
    </message>
    <message numerus="yes">
        <source>%n failed run(s) in a row.</source>
        <translation>
            <numerusform>%n 回連続で実行に失敗しました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdeck::StepDialog</name>
    <message>
        <source>The field&apos;s value as it is.</source>
        <translation>フィールドの値をそのまま使用します。</translation>
    </message>
    <message>
        <source>The text of the fields joined with the separator; NULL parts are skipped.</source>
        <translation>フィールドのテキストを区切り文字で連結します。NULL の部分はスキップされます。</translation>
    </message>
    <message>
        <source>Replaces the middle characters, keeping the first and last ones.</source>
        <translation>先頭と末尾の文字を残して、中間の文字を置き換えます。</translation>
    </message>
    <message>
        <source>Keeps the first characters.</source>
        <translation>先頭の文字を残します。</translation>
    </message>
    <message>
        <source>Upper case.</source>
        <translation>大文字に変換します。</translation>
    </message>
    <message>
        <source>Lower case.</source>
        <translation>小文字に変換します。</translation>
    </message>
    <message>
        <source>Removes leading and trailing spaces.</source>
        <translation>先頭と末尾の空白を削除します。</translation>
    </message>
    <message>
        <source>Always this value.</source>
        <translation>常にこの値を使用します。</translation>
    </message>
    <message>
        <source>This value when the input is NULL.</source>
        <translation>入力が NULL の場合にこの値を使用します。</translation>
    </message>
    <message>
        <source>Converts the value; a value that does not convert fails the record.</source>
        <translation>値を変換します。変換できない値があるとレコードは失敗します。</translation>
    </message>
    <message>
        <source>Replaces every match of a regular expression (\1..\9 for groups).</source>
        <translation>正規表現に一致するすべての部分を置き換えます (グループは \1..\9)。</translation>
    </message>
    <message>
        <source>Fails the record when the value is NULL.</source>
        <translation>値が NULL の場合、レコードを失敗にします。</translation>
    </message>
    <message>
        <source>Fails the record when the value is NULL, empty or only spaces.</source>
        <translation>値が NULL、空、または空白のみの場合、レコードを失敗にします。</translation>
    </message>
    <message>
        <source>Fails the record unless the value is a number between min and max (inclusive).</source>
        <translation>値が最小値以上、最大値以下の数値でない場合、レコードを失敗にします。</translation>
    </message>
    <message>
        <source>Fails the record unless the value matches (anchor with ^...$ for the whole value).</source>
        <translation>値が一致しない場合、レコードを失敗にします (値全体を照合するには ^...$ で囲みます)。</translation>
    </message>
    <message>
        <source>Source field:</source>
        <translation>ソースフィールド</translation>
    </message>
    <message>
        <source>Fields:</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>区切り文字</translation>
    </message>
    <message>
        <source>Mask character:</source>
        <translation>マスク文字</translation>
    </message>
    <message>
        <source>Keep first:</source>
        <translation>先頭から残す文字数</translation>
    </message>
    <message>
        <source>Keep last:</source>
        <translation>末尾から残す文字数</translation>
    </message>
    <message>
        <source>Length:</source>
        <translation>長さ</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation>パターン</translation>
    </message>
    <message>
        <source>Replace with:</source>
        <translation>置換後の文字列</translation>
    </message>
    <message>
        <source>Minimum:</source>
        <translation>最小値</translation>
    </message>
    <message>
        <source>Maximum:</source>
        <translation>最大値</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>変換</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>&amp;Add step</source>
        <translation>ステップを追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove step</source>
        <translation>ステップを削除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>操作(&amp;O)</translation>
    </message>
    <message>
        <source>No transform: the value is written as it is. Click Add step to change it.</source>
        <translation>変換なし: 値はそのまま書き込まれます。変更するには [ステップを追加] をクリックします。</translation>
    </message>
    <message>
        <source>No validation: every value is accepted. Click Add step to check values.</source>
        <translation>検証なし: すべての値が受け入れられます。値を検証するには [ステップを追加] をクリックします。</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>the entry&apos;s source</source>
        <translation>エントリのソース</translation>
    </message>
    <message>
        <source>field, field, …</source>
        <translation>フィールド, フィールド, …</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in the flow file</source>
        <translation>フローファイルでは &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>flowdeck::TableMetricsModel</name>
    <message>
        <source>Estimate from information_schema (the table is large); not an exact count</source>
        <translation>information_schema からの推定値 (テーブルが大きいため)。正確な件数ではありません</translation>
    </message>
    <message>
        <source>SELECT COUNT(*) on the destination</source>
        <translation>送信先での SELECT COUNT(*)</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>スナップショット</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>フィルター除外</translation>
    </message>
    <message>
        <source>Dead-lettered</source>
        <translation>デッドレター</translation>
    </message>
    <message>
        <source>Rows/s</source>
        <translation>行/秒</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>バイト</translation>
    </message>
    <message>
        <source>Rows in destination</source>
        <translation>送信先の行数</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>flowdeck::TopicBrowser</name>
    <message>
        <source>Topic Browser</source>
        <translation>トピックブラウザー</translation>
    </message>
    <message>
        <source>Embedded broker</source>
        <translation>組み込みブローカー</translation>
    </message>
    <message>
        <source>The embedded broker, or a bootstrap list such as host1:9092,host2:9092</source>
        <translation>組み込みブローカー、または host1:9092,host2:9092 のようなブートストラップリスト</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>トピック</translation>
    </message>
    <message>
        <source>List the broker&apos;s topics</source>
        <translation>ブローカーのトピックを一覧表示</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>新しいメッセージ</translation>
    </message>
    <message>
        <source>From the beginning</source>
        <translation>先頭から</translation>
    </message>
    <message>
        <source>From offset</source>
        <translation>オフセットから</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>時刻から</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Save the shown messages as JSON Lines</source>
        <translation>表示中のメッセージを JSON Lines として保存</translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation>ブローカー</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>トピック</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>開始位置</translation>
    </message>
    <message>
        <source>Search key, headers and value</source>
        <translation>キー、ヘッダー、値を検索</translation>
    </message>
    <message>
        <source>Select a message to see its value.</source>
        <translation>メッセージを選択すると値が表示されます。</translation>
    </message>
    <message>
        <source>Topic Browser — %1</source>
        <translation>トピックブラウザー — %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Partition %1, offset %2 · key &lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;パーティション %1、オフセット %2 · キー &lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Tombstone (no value)&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;トゥームストーン (値なし)&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 shown, %2 received</source>
        <translation>%1 件を表示、%2 件を受信</translation>
    </message>
    <message>
        <source> (the table keeps the newest %1)</source>
        <translation> (表には最新の %1 件を保持)</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · 一時停止中</translation>
    </message>
    <message>
        <source> · at the end, waiting for new messages</source>
        <translation> · 末尾に到達、新しいメッセージを待機中</translation>
    </message>
    <message>
        <source> · error: %1</source>
        <translation> · エラー: %1</translation>
    </message>
    <message>
        <source>Export Messages</source>
        <translation>メッセージのエクスポート</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) written to %1</source>
        <translation>
            <numerusform>%n 件のメッセージを %1 に書き込みました</numerusform>
        </translation>
    </message>
    <message>
        <source>Start the Embedded Broker</source>
        <translation>組み込みブローカーを開始</translation>
    </message>
    <message>
        <source>Runs a Kafka broker inside Flowdeck (messages in memory only), as flows with &quot;embedded&quot; brokers use</source>
        <translation>Flowdeck の中で Kafka ブローカーを動かします（メッセージはメモリのみ）。ブローカーが &quot;embedded&quot; のフローが使うものです</translation>
    </message>
    <message>
        <source>The embedded broker is not running.</source>
        <translation>組み込みブローカーは停止中です。</translation>
    </message>
    <message>
        <source>Start the embedded one, or enter a bootstrap list such as host:9092.</source>
        <translation>組み込みブローカーを開始するか、host:9092 のようなブートストラップリストを入力してください。</translation>
    </message>
    <message>
        <source>No broker is given.</source>
        <translation>ブローカーが指定されていません。</translation>
    </message>
    <message>
        <source>No broker answers at %1 (%2).</source>
        <translation>%1 で応答するブローカーがありません（%2）。</translation>
    </message>
</context>
<context>
    <name>flowdeck::TopicMessageModel</name>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>(tombstone)</source>
        <translation>(トゥームストーン)</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>パーティション</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>オフセット</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>タイムスタンプ</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>ヘッダー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>flowdeck::TriggerPage</name>
    <message>
        <source>Trigger and error handling</source>
        <translation>トリガーとエラー処理</translation>
    </message>
    <message>
        <source>When does the flow run, and what happens to a record that cannot be written?</source>
        <translation>フローをいつ実行するか、また書き込めないレコードをどう扱うかを指定します。</translation>
    </message>
    <message>
        <source>Flow trigger</source>
        <translation>フロートリガー</translation>
    </message>
    <message>
        <source>Run on &amp;demand: when you start it, to the end of the source</source>
        <translation>オンデマンドで実行: 開始時にソースの最後まで実行(&amp;D)</translation>
    </message>
    <message>
        <source>Run on a &amp;schedule</source>
        <translation>スケジュールに従って実行(&amp;S)</translation>
    </message>
    <message>
        <source>Run &amp;continuously: follow the source (binary log, topics) until stopped</source>
        <translation>継続的に実行: 停止するまでソース (バイナリログ、トピック) を追跡(&amp;C)</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>間隔</translation>
    </message>
    <message>
        <source>Daily at</source>
        <translation>毎日の時刻</translation>
    </message>
    <message>
        <source>30s, 15m, 1h, 1d — or 02:30</source>
        <translation>30s、15m、1h、1d — または 02:30</translation>
    </message>
    <message>
        <source>R&amp;un:</source>
        <translation>実行(&amp;U)</translation>
    </message>
    <message>
        <source>optional: 2024-01-31 or 2024-01-31T00:00:00Z</source>
        <translation>省略可: 2024-01-31 または 2024-01-31T00:00:00Z</translation>
    </message>
    <message>
        <source>never</source>
        <translation>無効化しない</translation>
    </message>
    <message>
        <source>&amp;Incremental field:</source>
        <translation>増分フィールド(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Tie breaker:</source>
        <translation>同値時の順序フィールド(&amp;T)</translation>
    </message>
    <message>
        <source>Start &amp;from:</source>
        <translation>開始日時(&amp;F)</translation>
    </message>
    <message>
        <source>Deactivate after failed runs:</source>
        <translation>無効化までの実行失敗回数</translation>
    </message>
    <message>
        <source>Error handling</source>
        <translation>エラー処理</translation>
    </message>
    <message>
        <source>S&amp;top the current flow run at the bad record and report it</source>
        <translation>不正なレコードで現在のフロー実行を停止して報告(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;kip the record to a dead-letter file or topic and go on</source>
        <translation>レコードをデッドレターファイルまたはトピックに退避して続行(&amp;K)</translation>
    </message>
    <message>
        <source>JSON Lines file</source>
        <translation>JSON Lines ファイル</translation>
    </message>
    <message>
        <source>Kafka topic</source>
        <translation>Kafka トピック</translation>
    </message>
    <message>
        <source>the flow&apos;s own brokers</source>
        <translation>フロー自身のブローカー</translation>
    </message>
    <message>
        <source>Dead &amp;letters:</source>
        <translation>デッドレター(&amp;L)</translation>
    </message>
    <message>
        <source>Brokers:</source>
        <translation>ブローカー</translation>
    </message>
    <message>
        <source>rejected.jsonl</source>
        <translation>rejected.jsonl</translation>
    </message>
    <message>
        <source>flow-dead-letters</source>
        <translation>flow-dead-letters</translation>
    </message>
    <message>
        <source>An interval is a whole number and a unit: 30s, 15m, 1h or 1d.</source>
        <translation>間隔は整数と単位で指定します: 30s、15m、1h、1d。</translation>
    </message>
    <message>
        <source>A daily time is HH:MM, from 00:00 to 23:59.</source>
        <translation>毎日の時刻は HH:MM 形式で、00:00 から 23:59 までです。</translation>
    </message>
    <message>
        <source>Name the dead-letter file.</source>
        <translation>デッドレターファイルの名前を指定してください。</translation>
    </message>
    <message>
        <source>Name the dead-letter topic.</source>
        <translation>デッドレタートピックの名前を指定してください。</translation>
    </message>
    <message>
        <source>The incremental field %1 is not a field of the source.</source>
        <translation>増分フィールド %1 はソースのフィールドではありません。</translation>
    </message>
    <message>
        <source>The incremental field %1 is %2: pick a date/time or integer column, whose values grow.</source>
        <translation>増分フィールド %1 は %2 です。値が増加していく日付/時刻または整数の列を選んでください。</translation>
    </message>
</context>
<context>
    <name>flowdeck::WizardSteps</name>
    <message>
        <source>Flow details</source>
        <translation>フローの詳細</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>送信先</translation>
    </message>
    <message>
        <source>Field mapping</source>
        <translation>フィールドマッピング</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Trigger and errors</source>
        <translation>トリガーとエラー</translation>
    </message>
    <message>
        <source>Review and create</source>
        <translation>確認と作成</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>ステップ %1</translation>
    </message>
    <message>
        <source>Step %1 ✓</source>
        <translation>ステップ %1 ✓</translation>
    </message>
</context>
</TS>
