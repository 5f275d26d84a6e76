<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
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
        <source>Stop the Current Flow Run</source>
        <translation>現在のフロー実行を停止</translation>
    </message>
    <message>
        <source>Reload Flows</source>
        <translation>フローを再読み込み</translation>
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
</context>
</TS>
