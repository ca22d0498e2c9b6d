package cli

import (
	"context"

	"github.com/spf13/cobra"

	"newsread/index"
	"newsread/loader"
	"newsread/render"
)

// Shell completion: tags for --tag, ids (with titles) for read, style names for --style.
// Libraries are loaded quietly: a completion prints candidates and nothing else.

// quietIndex loads the library of paths without printing warnings; nil when it cannot.
func quietIndex(cmd *cobra.Command, paths []string) *index.Index {
	lib, err := openLibrary(cmd, paths)
	if err != nil {
		return nil
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ix := index.New(lib.Read)
	noCache, _ := cmd.Flags().GetBool("no-cache")
	g := &globals{noCache: noCache}
	loader.Fill(ctx, lib, ix, loader.Options{CacheDir: g.cacheDir()}, func(loader.Progress) {})
	return ix
}

func completeTags(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	ix := quietIndex(cmd, args)
	if ix == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, t := range ix.Tags() {
		names = append(names, t.Name)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

func completeIDs(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveDefault // paths
	}
	ix := quietIndex(cmd, nil)
	if ix == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var ids []string
	for _, s := range ix.Stories() {
		ids = append(ids, s.ID+"\t"+s.Title)
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

func completeStyles(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return render.Styles(), cobra.ShellCompDirectiveNoFileComp
}
