"""`virtual-centre stage OUT`: the site as a plain docs folder that an engine without our plugin
renders (MkDocs, ProperDocs; see README, "Engines")."""
