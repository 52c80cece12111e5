#pragma once

#include <QFrame>
#include <QHeaderView>
#include <QTableView>

// The look shared by the docked panels' tables (order book, deep book, time & sales): read-only, no grid, no frame,
// no row header, fixed-height rows, columns sized by the panel, headers that neither highlight nor sort, no
// horizontal scrolling. Each panel adds its own selection and stretch rules.
inline void setUpPanelTable(QTableView* view)
{
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setCornerButtonEnabled(false);
    view->setFrameShape(QFrame::NoFrame);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSectionsClickable(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
}
