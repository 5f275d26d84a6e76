#pragma once

#include <QStyledItemDelegate>

namespace flowdeck {

/// Editors of the filter table: a combo of the source fields, a combo of the operators, and for
/// the value one line, two lines (between: low and high) or a comma-separated list (in, notIn).
class FilterDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace flowdeck
